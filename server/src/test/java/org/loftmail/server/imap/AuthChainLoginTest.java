package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loftmail.imap.session.ImapSettings;

/**
 * The whole auth chain of a provider's loft.conf over IMAP, on the real MariaDB and PostgreSQL:
 * a passwd-file passdb, a master passdb ({@code master = yes}, {@code pass = yes},
 * {@code auth_master_user_separator = *}), an SQL passdb and an SQL userdb. CRAM-MD5 and
 * SCRAM-SHA-256 are checked against SQL rows by python's imaplib (not our code), including a
 * SCRAM hash made by Dovecot's own {@code doveadm pw}.
 */
class AuthChainLoginTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "pgsql"})
    void sqlPassdbAndUserdbWithMasterUsersAndChallengeResponse(String driver) throws Exception {
        boolean mysql = driver.equals("mysql");
        String admin = mysql ? "root" : "postgres";
        String database = "loft_chain_" + Long.toHexString(System.nanoTime());
        String base = mysql ? "jdbc:mariadb://127.0.0.1:3306/" : "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection c = DriverManager.getConnection(base + (mysql ? "" : "postgres"), admin, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try {
            try (Connection c = DriverManager.getConnection(base + database, admin, "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE virtual_users (email VARCHAR(120) PRIMARY KEY, password VARCHAR(255) NOT NULL, "
                        + "home VARCHAR(255))");
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO virtual_users VALUES (?, ?, ?)")) {
                    insert(ins, "dave@example.org", tool("openssl", "passwd", "-6", "dave pw"));
                    insert(ins, "sam@example.org", tool("doveadm", "pw", "-s", "SCRAM-SHA-256", "-p", "sam pw"));
                    insert(ins, "pat@example.org", "{PLAIN}pat pw");
                }
            }
            Path sqlConf = dir.resolve("dovecot-sql.conf.ext");
            Files.writeString(sqlConf, "driver = " + driver + "\n"
                    + "connect = host=127.0.0.1 port=" + (mysql ? 3306 : 5432) + " dbname=" + database + " user=" + admin + "\n"
                    + "default_pass_scheme = SHA512-CRYPT\n"
                    + "password_query = SELECT email AS user, password FROM virtual_users WHERE email = '%u'\n"
                    + "user_query = SELECT home, 'vmail' AS uid FROM virtual_users WHERE email = '%u'\n");
            Path masters = dir.resolve("master-users");
            Files.writeString(masters, "admin:{PLAIN}admin pw\n");
            String config = "auth_mechanisms = plain login cram-md5 scram-sha-256\n"
                    + "auth_master_user_separator = *\n"
                    + "passdb {\n  driver = passwd-file\n  args = " + masters + "\n  master = yes\n  pass = yes\n}\n"
                    + "passdb {\n  driver = sql\n  args = " + sqlConf + "\n}\n"
                    + "userdb {\n  driver = sql\n  args = " + sqlConf + "\n}\n";
            try (ImapTestServer server = new ImapTestServer(dir.resolve("node"), config, ImapSettings.DEFAULTS
                    .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(10)))) {
                Path script = script();
                assertEquals("OK", login(server, "dave@example.org", "dave pw"));
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "dave@example.org", "wrong"));
                // alice is in the passwd-file passdb but no userdb knows her: she cannot log in.
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "alice", ImapTestServer.PASSWORD));

                // CRAM-MD5 and SCRAM from SQL rows: a {PLAIN} row gives both, doveadm's SCRAM hash
                // gives SCRAM, a SHA512-CRYPT hash neither (PLAIN still works for it).
                assertTrue(python(script, server, "CRAM-MD5", "pat@example.org", "pat pw").startsWith("0 OK"));
                assertTrue(python(script, server, "SCRAM-SHA-256", "pat@example.org", "pat pw").startsWith("0 OK"));
                assertTrue(python(script, server, "SCRAM-SHA-256", "sam@example.org", "sam pw").startsWith("0 OK"));
                assertTrue(python(script, server, "SCRAM-SHA-256", "sam@example.org", "wrong").startsWith("1 NO"));
                assertTrue(python(script, server, "CRAM-MD5", "dave@example.org", "dave pw").startsWith("1 NO"));
                assertTrue(python(script, server, "PLAIN", "sam@example.org", "sam pw").startsWith("0 OK"));

                // dave gets a message; the master user, logged in as dave, sees it.
                try (Transcript t = loggedIn(server, "a1 LOGIN dave@example.org \"dave pw\"")) {
                    byte[] message = "Subject: for dave\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
                    t.send("a2 APPEND INBOX {" + message.length + "+}");
                    t.sendRaw(message);
                    t.send("");
                    t.expectLine("a2 OK [APPENDUID <*>] Append completed.");
                }
                try (Transcript t = loggedIn(server, "a1 LOGIN \"dave@example.org*admin\" \"admin pw\"")) {
                    t.send("a2 STATUS INBOX (MESSAGES)");
                    t.expectLine("* STATUS INBOX (MESSAGES 1)");
                    t.expectLine("a2 OK Status completed.");
                }
                String plain = Base64.getEncoder().encodeToString("dave@example.org\0admin\0admin pw"
                        .getBytes(StandardCharsets.UTF_8));
                try (Transcript t = loggedIn(server, "a1 AUTHENTICATE PLAIN " + plain)) {
                    t.send("a2 STATUS INBOX (MESSAGES)");
                    t.expectLine("* STATUS INBOX (MESSAGES 1)");
                    t.expectLine("a2 OK Status completed.");
                }
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "dave@example.org*admin", "dave pw"));
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "nobody@example.org*admin", "admin pw"));
                assertEquals("NO [AUTHENTICATIONFAILED]", login(server, "admin", "admin pw"));
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

    private static void insert(PreparedStatement ins, String email, String password) throws Exception {
        ins.setString(1, email);
        ins.setString(2, password);
        ins.setString(3, "/var/mail/" + email);
        ins.executeUpdate();
    }

    private static Transcript loggedIn(ImapTestServer server, String loginLine) {
        Transcript t = server.connect();
        t.expectLine("* OK <*>");
        t.send(loginLine);
        t.expectLine("a1 OK [CAPABILITY <*>] Logged in");
        return t;
    }

    /** "OK" or the NO with its response code. */
    private static String login(ImapTestServer server, String user, String password) {
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.send("a1 LOGIN \"" + user + "\" \"" + password + "\"");
            List<String> lines = t.readUntil("a1 ");
            String line = lines.get(lines.size() - 1);
            return line.startsWith("a1 OK") ? "OK" : line.substring(3, line.indexOf(']') + 1);
        }
    }

    private Path script() throws Exception {
        Path script = dir.resolve("sasl_client.py");
        try (InputStream in = AuthChainLoginTest.class.getResourceAsStream("/imap/sasl_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static String python(Path script, ImapTestServer server, String mech, String user, String password)
            throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), server.plain.getHostString(),
                String.valueOf(server.plain.getPort()), mech, user, password).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python client hangs");
        return p.exitValue() + " " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** What an outside tool prints (a hash); the test fails if the tool is missing or fails. */
    private static String tool(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
