package org.loftmail.auth.sql;

import java.util.List;

/** The SQL drivers against the MariaDB server on 127.0.0.1:3306 (root, empty password). */
class MariaDbSqlAuthTest extends SqlAuthContract {
    @Override
    SqlDriver driver() {
        return SqlDriver.MYSQL;
    }

    @Override
    String serverName() {
        return "MariaDB";
    }

    @Override
    int serverPort() {
        return 3306;
    }

    @Override
    String jdbcUrl(String db) {
        return "jdbc:mariadb://127.0.0.1:3306/" + db + "?connectTimeout=3000";
    }

    @Override
    String adminUser() {
        return "root";
    }

    @Override
    String startCommand() {
        return "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
    }

    @Override
    List<String> schema() {
        return List.of(
                "CREATE TABLE virtual_domains (id INT NOT NULL AUTO_INCREMENT, name VARCHAR(50) NOT NULL,"
                        + " PRIMARY KEY (id))",
                "CREATE TABLE virtual_users (id INT NOT NULL AUTO_INCREMENT, domain_id INT NOT NULL,"
                        + " email VARCHAR(120) NOT NULL, password VARCHAR(255), home VARCHAR(255),"
                        + " quota_rule VARCHAR(64), nologin CHAR(1), nopassword CHAR(1),"
                        + " PRIMARY KEY (id), UNIQUE KEY email (email),"
                        + " FOREIGN KEY (domain_id) REFERENCES virtual_domains(id) ON DELETE CASCADE)");
    }

    @Override
    String dropDatabase(String name) {
        return "DROP DATABASE " + name;
    }
}
