package org.loftmail.auth.sql;

import java.util.Optional;

/**
 * The {@code driver} of a dovecot-sql.conf.ext file. Besides the JDBC scheme it knows how the
 * database reads quotes, because query variables are found by reading the query's string literals.
 */
public enum SqlDriver {
    /** MySQL and MariaDB, through MariaDB Connector/J. */
    MYSQL("mysql", 3306),
    /** PostgreSQL, through pgjdbc. */
    PGSQL("pgsql", 5432);

    private final String dovecotName;
    private final int defaultPort;

    SqlDriver(String dovecotName, int defaultPort) {
        this.dovecotName = dovecotName;
        this.defaultPort = defaultPort;
    }

    /** The driver for Dovecot's name ({@code mysql}, {@code pgsql}). */
    public static Optional<SqlDriver> byName(String name) {
        for (SqlDriver d : values()) {
            if (d.dovecotName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public String dovecotName() {
        return dovecotName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * MySQL (without ANSI_QUOTES) reads {@code "..."} as a string and a backslash as an escape in
     * every string; PostgreSQL reads {@code "..."} as a name and backslashes only in {@code E'...'}.
     */
    boolean doubleQuotesAreStrings() {
        return this == MYSQL;
    }

    boolean backslashEscapesInStrings() {
        return this == MYSQL;
    }
}
