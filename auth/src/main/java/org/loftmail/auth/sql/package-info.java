/**
 * The SQL passdb and userdb: Dovecot's {@code driver = sql} with a {@code dovecot-sql.conf.ext}
 * file, against MariaDB/MySQL or PostgreSQL through JDBC and a HikariCP pool.
 *
 * <p>Wiring: {@link org.loftmail.auth.sql.SqlSettings#read} the file, open one
 * {@link org.loftmail.auth.sql.SqlDatabase} for it, and build the
 * {@link org.loftmail.auth.sql.SqlPassdb} (an {@code Authenticator}) and the
 * {@link org.loftmail.auth.sql.SqlUserdb} on that one pool. Queries become prepared statements
 * ({@link org.loftmail.auth.sql.SqlQuery} says why); a database that cannot answer is always a
 * temporary failure, never a wrong password.
 */
package org.loftmail.auth.sql;
