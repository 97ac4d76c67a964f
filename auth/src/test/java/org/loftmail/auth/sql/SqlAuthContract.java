package org.loftmail.auth.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.AuthChain;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

/**
 * The SQL passdb and userdb against a real database server, one subclass per driver. Each test
 * makes its own database with the {@code virtual_users} table of the "Postfix + Dovecot + MySQL"
 * guides and SHA512-CRYPT hashes made by {@code openssl passwd -6}, and drops it afterwards.
 */
abstract class SqlAuthContract {
    static final String OBRIEN = "o'brien@example.com";
    /** Loft's user names cannot hold a backslash, but the userdb must still find one verbatim. */
    static final String BACKSLASH = "o'brien\\x@example.com";
    private static final String GUIDE_PASSWORD_QUERY =
            "password_query = SELECT email as user, password FROM virtual_users WHERE email='%u'";
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private String database;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One settings file's pool with its passdb and userdb. */
    record Sql(SqlDatabase database, AuthChain passdb, SqlUserdb userdb) {
    }

    abstract SqlDriver driver();

    /** The server's name for messages: MariaDB, PostgreSQL. */
    abstract String serverName();

    abstract int serverPort();

    /** A JDBC URL for {@code db} on the real server (empty: the server's default database). */
    abstract String jdbcUrl(String db);

    abstract String adminUser();

    abstract String startCommand();

    abstract List<String> schema();

    abstract String dropDatabase(String name);

    @BeforeEach
    void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), adminUser(), "")) {
            database = "loft_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            fail(serverName() + " is not reachable on 127.0.0.1:" + serverPort() + " as " + adminUser()
                    + " (" + e.getMessage() + "). Start it with: " + startCommand(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), adminUser(), "")) {
            try (Statement st = c.createStatement()) {
                for (String ddl : schema()) {
                    st.execute(ddl);
                }
                st.execute("INSERT INTO virtual_domains (name) VALUES ('example.com')");
            }
            insert(c, "alice@example.com", opensslSha512("alice-pw"), "/var/mail/vhosts/example.com/alice", "*:storage=1G", null, null);
            insert(c, "bob@example.com", "{SHA512-CRYPT}" + opensslSha512("bob-pw"), "/var/mail/vhosts/example.com/bob", null, null, null);
            insert(c, "carol@example.com", "{PLAIN}carol-pw", null, null, "Y", null);
            insert(c, "dave@example.com", null, null, null, null, null);
            insert(c, "erin@example.com", null, null, null, null, "Y");
            insert(c, "frank@example.com", "frank-pw", null, null, null, null);
            insert(c, OBRIEN, "{PLAIN}obrien-pw", null, null, null, null);
            insert(c, BACKSLASH, "{PLAIN}backslash-pw", null, null, null, null);
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(""), adminUser(), "");
                 Statement st = c.createStatement()) {
                st.execute(dropDatabase(database));
            }
        }
    }

    private static void insert(Connection c, String email, String password, String home, String quota,
                               String nologin, String nopassword) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO virtual_users"
                + " (domain_id, email, password, home, quota_rule, nologin, nopassword) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, email);
            st.setString(2, password);
            st.setString(3, home);
            st.setString(4, quota);
            st.setString(5, nologin);
            st.setString(6, nopassword);
            st.executeUpdate();
        }
    }

    /** A {@code $6$} hash as admins make them for these tables. */
    private static String opensslSha512(String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "passwd", "-6", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl passwd -6 failed: " + out);
        assertTrue(out.startsWith("$6$"), out);
        return out;
    }

    /** The settings file of the guides for this test's database on {@code port}; later lines override. */
    SqlSettings settings(int port, String... overrides) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "# as in the Postfix + Dovecot + MySQL guides",
                "driver = " + driver().dovecotName(),
                "connect = host=127.0.0.1 port=" + port + " dbname=" + database + " user=" + adminUser(),
                "default_pass_scheme = SHA512-CRYPT",
                GUIDE_PASSWORD_QUERY,
                "user_query = SELECT email AS user, home, 5000 AS uid, 5000 AS gid, quota_rule, \\",
                "  CONCAT('maildir:', home) AS mail, '/var/mail/vhosts/%d/%n' AS vhome \\",
                "  FROM virtual_users WHERE email = '%u'",
                "iterate_query = SELECT email AS user FROM virtual_users ORDER BY email"));
        lines.addAll(List.of(overrides));
        Path file = dir.resolve("dovecot-sql-" + opened.size() + ".conf.ext");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return SqlSettings.read(file);
    }

    Sql open(SqlSettings settings) {
        SqlDatabase db = SqlDatabase.open(settings);
        opened.add(db);
        return new Sql(db, new AuthChain(List.of(AuthChain.PassdbStep.normal("sql", new SqlPassdb(db, settings))),
                List.of(), null), new SqlUserdb(db, settings));
    }

    Sql open(String... overrides) throws IOException {
        return open(settings(serverPort(), overrides));
    }

    static AuthResult login(Sql sql, String user, String password) {
        return sql.passdb().authenticate(new AuthRequest(user, password, "imap", CLIENT, true));
    }

    static AuthResult success(String user) {
        return new AuthResult.Success(new UserId(user));
    }

    @Test
    void theGuidesQueryChecksHashesMadeByOpenssl() throws Exception {
        Sql sql = open();
        assertEquals(success("alice@example.com"), login(sql, "alice@example.com", "alice-pw"));
        assertEquals(success("bob@example.com"), login(sql, "bob@example.com", "bob-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(sql, "alice@example.com", "bob-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(sql, "alice@example.com", ""));
        assertInstanceOf(AuthResult.Failure.class, login(sql, "nobody@example.com", "alice-pw"));
        // default_pass_scheme = SHA512-CRYPT: a bare value is a hash, never compared as plaintext.
        assertInstanceOf(AuthResult.Failure.class, login(sql, "frank@example.com", "frank-pw"));
    }

    @Test
    void defaultPassSchemeAppliesOnlyToValuesWithoutAPrefix() throws Exception {
        Sql sql = open("default_pass_scheme = PLAIN");
        assertEquals(success("frank@example.com"), login(sql, "frank@example.com", "frank-pw"));
        assertEquals(success("bob@example.com"), login(sql, "bob@example.com", "bob-pw"));
        assertEquals(success(OBRIEN), login(sql, OBRIEN, "obrien-pw"));
    }

    @Test
    void hostileUserNamesAreWrongLoginsNotSqlErrors() throws Exception {
        Sql sql = open();
        List<String> hostile = List.of("' OR '1'='1", "alice@example.com' -- ", "alice@example.com'#",
                "' OR 1=1 -- ", "\\' OR 1=1 -- ", "\\", "alice@example.com\\", "\\'", "\"", "' OR \"1\"=\"1",
                "'; DROP TABLE virtual_users; --", "' UNION SELECT 'x', '{PLAIN}pw' -- ",
                "alice@example.com\0", "\0' OR '1'='1", "%u", "%", "%%", "o'brien\\\\x@example.com",
                "o''brien\\x@example.com", "o\\'brien\\x@example.com", "o\\'brien@example.com", "o''brien@example.com");
        for (String user : hostile) {
            for (String password : List.of("alice-pw", "pw", "' OR '1'='1")) {
                AuthResult r = login(sql, user, password);
                assertInstanceOf(AuthResult.Failure.class, r, "user " + user.replace("\0", "\\0") + ": " + r);
            }
            assertInstanceOf(UserdbResult.NotFound.class, sql.userdb().lookup(user), user.replace("\0", "\\0"));
        }
        // The values reached the database verbatim: the names with a quote and a backslash are found,
        // and the table the injection tried to drop is still there.
        assertEquals(success(OBRIEN), login(sql, OBRIEN, "obrien-pw"));
        // A name the store refuses is no user at all (it would have no mailbox to open).
        assertInstanceOf(UserdbResult.NotFound.class, sql.userdb().lookup(BACKSLASH));
        assertEquals(new AuthResult.Failure("invalid user name '" + BACKSLASH + "': user name contains a forbidden character"),
                login(sql, BACKSLASH, "backslash-pw"));
        assertEquals(success("alice@example.com"), login(sql, "alice@example.com", "alice-pw"));
    }

    @Test
    void extraFieldsAsDovecotReadsThem() throws Exception {
        Sql sql = open("password_query = SELECT email AS user, password, nologin, nopassword, \\",
                "  'imap-only' AS reason, home AS userdb_home, quota_rule AS userdb_quota_rule \\",
                "  FROM virtual_users WHERE email = '%u'");
        assertEquals(new AuthResult.Refused("imap-only"), login(sql, "carol@example.com", "carol-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(sql, "carol@example.com", "wrong"));
        // NULL password without nopassword: nobody gets in, not even with an empty password.
        assertInstanceOf(AuthResult.Failure.class, login(sql, "dave@example.com", ""));
        assertInstanceOf(AuthResult.Failure.class, login(sql, "dave@example.com", "x"));
        assertEquals(success("erin@example.com"), login(sql, "erin@example.com", "anything"));
        // nopassword next to a stored password: the password is still checked, as in Dovecot.
        Sql everyone = open("password_query = SELECT email AS user, password, 'Y' AS nopassword"
                + " FROM virtual_users WHERE email = '%u'");
        assertInstanceOf(AuthResult.Failure.class, login(everyone, "alice@example.com", "anything"));
        assertEquals(success("alice@example.com"), login(everyone, "alice@example.com", "alice-pw"));
        assertEquals(success("erin@example.com"), login(everyone, "erin@example.com", "anything"));
        // With no userdb configured, the userdb_* columns are the user's fields (as prefetch).
        assertEquals(new AuthResult.Success(new UserId("alice@example.com"),
                Map.of("home", "/var/mail/vhosts/example.com/alice", "quota_rule", "*:storage=1G")),
                login(sql, "alice@example.com", "alice-pw"));
    }

    @Test
    void theUserColumnGivesTheCanonicalName() throws Exception {
        Sql sql = open("password_query = SELECT email AS user, password FROM virtual_users WHERE email = LOWER('%u')");
        assertEquals(success("alice@example.com"), login(sql, "Alice@Example.COM", "alice-pw"));
    }

    @Test
    void allowNetsLimitsWhereAUserMayLogInFrom() throws Exception {
        Sql sql = open("password_query = SELECT email AS user, password, \\",
                "  CASE WHEN email = 'bob@example.com' THEN '192.0.2.0/24, 2001:db8::/32' END AS allow_nets \\",
                "  FROM virtual_users WHERE email = '%u'");
        assertInstanceOf(AuthResult.Failure.class, login(sql, "bob@example.com", "bob-pw"));
        assertEquals(new AuthResult.Success(new UserId("bob@example.com")), sql.passdb().authenticate(
                new AuthRequest("bob@example.com", "bob-pw", "imap", InetAddress.getByName("192.0.2.9"), true)));
        assertEquals(success("alice@example.com"), login(sql, "alice@example.com", "alice-pw"));
    }

    @Test
    void severalRowsAreRefused() throws Exception {
        Sql sql = open("password_query = SELECT email AS user, password FROM virtual_users"
                + " WHERE email = '%u' OR email = 'bob@example.com'");
        AuthResult r = login(sql, "alice@example.com", "alice-pw");
        assertEquals(new AuthResult.Failure("password query returned multiple matches"), r);
        assertEquals(success("bob@example.com"), login(sql, "bob@example.com", "bob-pw"));
    }

    @Test
    void userQueryAndIterateQuery() throws Exception {
        Sql sql = open();
        UserdbResult.Found entry = (UserdbResult.Found) sql.userdb().lookup("alice@example.com");
        assertEquals(new UserId("alice@example.com"), entry.user());
        assertEquals("5000", entry.field("uid").orElseThrow());
        assertEquals("5000", entry.field("gid").orElseThrow());
        assertEquals("/var/mail/vhosts/example.com/alice", entry.field("home").orElseThrow());
        assertEquals("maildir:/var/mail/vhosts/example.com/alice", entry.field("mail").orElseThrow());
        assertEquals("*:storage=1G", entry.field("quota_rule").orElseThrow());
        assertEquals("/var/mail/vhosts/example.com/alice", entry.field("vhome").orElseThrow());
        // NULL columns are fields that are not set.
        UserdbResult.Found carol = (UserdbResult.Found) sql.userdb().lookup("carol@example.com");
        assertEquals(List.of("5000", "5000"), List.of(carol.field("uid").orElseThrow(), carol.field("gid").orElseThrow()));
        assertTrue(carol.field("home").isEmpty() && carol.field("quota_rule").isEmpty(), carol.toString());
        assertInstanceOf(UserdbResult.NotFound.class, sql.userdb().lookup("nobody@example.com"));
        assertEquals(List.of("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com",
                "erin@example.com", "frank@example.com", OBRIEN, BACKSLASH), sql.userdb().iterate());
    }

    @Test
    void aBrokenQueryIsUnavailableNotAWrongPassword() throws Exception {
        Sql sql = open("password_query = SELECT password FROM no_such_table WHERE email = '%u'",
                "user_query = SELECT home FROM no_such_table WHERE email = '%u'",
                "iterate_query = SELECT email AS user FROM no_such_table");
        assertInstanceOf(AuthResult.Unavailable.class, login(sql, "alice@example.com", "alice-pw"));
        assertInstanceOf(UserdbResult.Unavailable.class, sql.userdb().lookup("alice@example.com"));
        assertThrows(SqlUnavailableException.class, () -> sql.userdb().iterate());
        Sql noPassword = open("password_query = SELECT email AS user FROM virtual_users WHERE email = '%u'");
        assertInstanceOf(AuthResult.Unavailable.class, login(noPassword, "alice@example.com", "alice-pw"));
    }

    @Test
    void theDatabaseGoesAwayAndComesBack() throws Exception {
        try (TcpForwarder forwarder = new TcpForwarder(serverPort())) {
            int port = forwarder.start();
            Sql sql = open(settings(port));
            assertEquals(success("alice@example.com"), login(sql, "alice@example.com", "alice-pw"));

            forwarder.stop();
            for (int i = 0; i < 3; i++) {
                assertUnavailableQuickly(sql);
            }
            long start = System.nanoTime();
            assertInstanceOf(UserdbResult.Unavailable.class, sql.userdb().lookup("alice@example.com"));
            assertTrue(millisSince(start) < 5000);

            assertEquals(port, forwarder.start());
            assertRecovers(sql, "alice@example.com", "alice-pw");
            assertInstanceOf(AuthResult.Failure.class, login(sql, "alice@example.com", "wrong"));
            assertInstanceOf(UserdbResult.Found.class, sql.userdb().lookup("alice@example.com"));
        }
    }

    @Test
    void aConnectionTheServerClosedIsReplacedWithoutAFailedLogin() throws Exception {
        try (TcpForwarder forwarder = new TcpForwarder(serverPort())) {
            Sql sql = open(settings(forwarder.start()));
            for (int i = 0; i < 3; i++) {
                assertEquals(success("alice@example.com"), login(sql, "alice@example.com", "alice-pw"));
                // Used a moment ago, the pooled connection is handed out unchecked: the query
                // fails on it and is retried once on a fresh connection.
                forwarder.dropConnections();
            }
            assertEquals(success("bob@example.com"), login(sql, "bob@example.com", "bob-pw"));
        }
    }

    @Test
    void startsWhileTheDatabaseIsDownAndRecovers() throws Exception {
        try (TcpForwarder forwarder = new TcpForwarder(serverPort())) {
            int port = forwarder.start();
            forwarder.stop();
            Sql sql = open(settings(port));
            assertUnavailableQuickly(sql);
            forwarder.start();
            assertRecovers(sql, "bob@example.com", "bob-pw");
        }
    }

    /**
     * Logins succeed again within seconds of the database coming back, and are never a wrong
     * password meanwhile. After a long outage the pool's retry loop sleeps up to 5 s between
     * attempts, so the first login may still be "unavailable"; seen here: 0.7 to 2.2 s.
     */
    private static void assertRecovers(Sql sql, String user, String password) {
        long start = System.nanoTime();
        List<AuthResult> seen = new ArrayList<>();
        while (millisSince(start) < 15_000) {
            AuthResult r = login(sql, user, password);
            seen.add(r);
            if (r.equals(success(user))) {
                assertTrue(millisSince(start) < 8000, "recovered after " + millisSince(start) + " ms: " + seen);
                return;
            }
            assertInstanceOf(AuthResult.Unavailable.class, r, String.valueOf(seen));
        }
        fail("no successful login within 15 s of the database coming back: " + seen);
    }

    private static void assertUnavailableQuickly(Sql sql) {
        long start = System.nanoTime();
        AuthResult r = login(sql, "alice@example.com", "alice-pw");
        long ms = millisSince(start);
        assertInstanceOf(AuthResult.Unavailable.class, r, String.valueOf(r));
        assertTrue(ms < 5000, "took " + ms + " ms");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
