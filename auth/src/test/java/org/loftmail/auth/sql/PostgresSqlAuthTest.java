package org.loftmail.auth.sql;

import java.util.List;

/** The SQL drivers against the PostgreSQL server on 127.0.0.1:5432 (user postgres, trust auth). */
class PostgresSqlAuthTest extends SqlAuthContract {
    @Override
    SqlDriver driver() {
        return SqlDriver.PGSQL;
    }

    @Override
    String serverName() {
        return "PostgreSQL";
    }

    @Override
    int serverPort() {
        return 5432;
    }

    @Override
    String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:5432/" + (db.isEmpty() ? "postgres" : db) + "?connectTimeout=3";
    }

    @Override
    String adminUser() {
        return "postgres";
    }

    @Override
    String startCommand() {
        return "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    }

    @Override
    List<String> schema() {
        return List.of(
                "CREATE TABLE virtual_domains (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL)",
                "CREATE TABLE virtual_users (id SERIAL PRIMARY KEY,"
                        + " domain_id INT NOT NULL REFERENCES virtual_domains(id) ON DELETE CASCADE,"
                        + " email VARCHAR(120) NOT NULL UNIQUE, password VARCHAR(255), home VARCHAR(255),"
                        + " quota_rule VARCHAR(64), nologin CHAR(1), nopassword CHAR(1))");
    }

    @Override
    String dropDatabase(String name) {
        // WITH (FORCE): a pool the test could not close must not keep the database alive.
        return "DROP DATABASE " + name + " WITH (FORCE)";
    }
}
