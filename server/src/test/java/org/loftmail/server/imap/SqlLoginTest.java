package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.sql.TcpForwarder;
import org.loftmail.imap.session.ImapSettings;

/**
 * IMAP logins against the real MariaDB and PostgreSQL of this machine, set up as the common
 * "Postfix + Dovecot + SQL" guides do: a {@code virtual_users} table with SHA512-CRYPT hashes
 * from {@code openssl passwd -6}, {@code passdb { driver = sql args = dovecot-sql.conf.ext }}.
 * The database goes away mid-test (a relay in front of it is closed): logins fail temporarily,
 * never as a wrong password, and work again when it is back.
 */
class SqlLoginTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "pgsql"})
    void imapLoginsUseTheDatabaseAndSurviveItsOutage(String driver) throws Exception {
        boolean mysql = driver.equals("mysql");
        int dbPort = mysql ? 3306 : 5432;
        String admin = mysql ? "root" : "postgres";
        String database = "loft_imap_" + Long.toHexString(System.nanoTime());
        String base = mysql ? "jdbc:mariadb://127.0.0.1:3306/" : "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection c = DriverManager.getConnection(base + (mysql ? "" : "postgres"), admin, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(driver + " is not reachable on 127.0.0.1:" + dbPort + " (start it as the machine notes say)", e);
        }
        try (TcpForwarder relay = new TcpForwarder(dbPort)) {
            int port = relay.start();
            try (Connection c = DriverManager.getConnection(base + database, admin, "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE virtual_users (id INT PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE, "
                        + "password VARCHAR(255) NOT NULL)");
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO virtual_users VALUES (1, ?, ?)")) {
                    ins.setString(1, "dave@example.org");
                    ins.setString(2, opensslSha512("dave's pw"));
                    ins.executeUpdate();
                }
            }
            Path sqlConf = dir.resolve("dovecot-sql.conf.ext");
            Files.writeString(sqlConf, "driver = " + driver + "\n"
                    + "connect = host=127.0.0.1 port=" + port + " dbname=" + database + " user=" + admin + "\n"
                    + "default_pass_scheme = SHA512-CRYPT\n"
                    + "password_query = SELECT email as user, password FROM virtual_users WHERE email='%u'\n");
            String passdb = "passdb {\n  driver = sql\n  args = " + sqlConf + "\n}\n";
            try (ImapTestServer server = new ImapTestServer(dir.resolve("node"), passdb, ImapSettings.DEFAULTS
                    .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(10)))) {
                assertEquals("OK", login(server, "dave@example.org", "dave's pw"));
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "dave@example.org", "wrong"));
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "x' OR '1'='1", "wrong"));

                relay.stop();
                assertEquals("NO [UNAVAILABLE]", login(server, "dave@example.org", "dave's pw"),
                        "a database outage is a temporary failure, never a wrong password");
                relay.start();
                String result = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!result.equals("OK") && System.nanoTime() < deadline) {
                    result = login(server, "dave@example.org", "dave's pw");
                    assertTrue(result.equals("OK") || result.equals("NO [UNAVAILABLE]"), result);
                }
                assertEquals("OK", result, "logins work again once the database is back");
            }
        } finally {
            try (Connection c = DriverManager.getConnection(base + (mysql ? "" : "postgres"), admin, "");
                 Statement st = c.createStatement()) {
                if (!mysql) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                }
                st.execute("DROP DATABASE " + database);
            }
        }
    }

    /** "OK" or the NO with its response code. */
    private static String login(ImapTestServer server, String user, String password) {
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.send("a1 LOGIN \"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\" \"" + password + "\"");
            java.util.List<String> lines = t.readUntil("a1 ");
            String line = lines.get(lines.size() - 1);
            return line.startsWith("a1 OK") ? "OK" : line.substring(3, line.indexOf(']') + 1);
        }
    }

    private static String opensslSha512(String password) throws Exception {
        Process p = new ProcessBuilder("openssl", "passwd", "-6", password).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("$6$"), out);
        return out;
    }
}
