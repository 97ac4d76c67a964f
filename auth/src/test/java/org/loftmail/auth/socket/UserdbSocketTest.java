package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileUserdb;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.VariableTemplate;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;

/** The auth-userdb socket (Dovecot's auth-master protocol): transcripts, and Dovecot's own doveadm as the client. */
class UserdbSocketTest {
    @TempDir
    Path dir;
    private AuthSocketServer server;
    private final List<String> services = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path start(Userdb userdb) {
        server = AuthSocketServer.userdb(dir.resolve("auth-userdb"), (user, service) -> {
            services.add(service);
            return userdb.lookup(user, service);
        }, AuthSocketOptions.DEFAULTS);
        server.start();
        return server.socket();
    }

    private Path start() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice@example.com:{PLAIN}pw:5000:5000::/srv/mail/alice::userdb_quota_rule=*:storage=1G\n"
                + "tab@example.com:{PLAIN}pw:5000:5000::/srv/mail/with\ttab::\n");
        return start(new PasswdFileUserdb(new PasswdFile(users, PasswordScheme.PLAIN), VariableTemplate.parse("%u")));
    }

    @Test
    void userLookupsAnswerFieldsNotFoundAndFailureByID() throws Exception {
        Path socket = start();
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.expect("VERSION\t1\t0");
            c.expect("SPID\t" + ProcessHandle.current().pid());
            c.send("VERSION\t1\t0\n");
            c.send("USER\t1\talice@example.com\tservice=lmtp\n");
            c.expect("USER\t1\talice@example.com\tgid=5000\thome=/srv/mail/alice\tquota_rule=*:storage=1G\tuid=5000");
            c.send("USER\t2\tnobody@example.com\tservice=lmtp\n");
            c.expect("NOTFOUND\t2");
            // A value with a TAB travels escaped, as Dovecot's tab-escaping does.
            c.send("USER\t3\ttab@example.com\tservice=lmtp\n");
            c.expect("USER\t3\ttab@example.com\tgid=5000\thome=/srv/mail/with\001ttab\tuid=5000");
            c.send("USER\t4\talice@example.com\n");
            c.expect("FAIL\t4\treason=USER request without service");
            c.send("PASS\t5\talice@example.com\tservice=imap\n");
            c.expect("FAIL\t5\treason=passdb lookups are not served on this socket");
            c.send("LIST\t6\n");
            c.expect("DONE\t6\tfail");
        }
        assertEquals(List.of("lmtp", "lmtp", "lmtp"), services);
    }

    @Test
    void aUserdbThatIsDownGivesFailNotNotFound() throws Exception {
        Path socket = start((user, service) -> new UserdbResult.Unavailable("database down"));
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("VERSION\t1\t0\nUSER\t1\talice\tservice=lmtp\n");
            c.expect("VERSION\t1\t0");
            c.next();
            // LMTP turns this into 451 4.3.0, never into "no such user".
            c.expect("FAIL\t1\treason=Temporary failure looking up the user");
        }
    }

    @Test
    void clientsThatDoNotSpeakTheProtocolAreDisconnectedOthersAreNot() throws Exception {
        Path socket = start();
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("USER\t1\talice@example.com\tservice=lmtp\n");
            c.next();
            c.next();
            c.expectClosed();
        }
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("VERSION\t1\t0\nAUTH\t1\tPLAIN\tservice=smtp\n");
            c.next();
            c.next();
            c.expectClosed();
        }
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("VERSION\t1\t0\nUSER\tx\talice@example.com\tservice=lmtp\n");
            c.next();
            c.next();
            c.expectClosed();
        }
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("VERSION\t1\t0\nUSER\t" + "x".repeat(9000) + "\n");
            c.next();
            c.next();
            c.expectClosed();
        }
        try (AuthSocketClient c = new AuthSocketClient(socket)) {
            c.send("VERSION\t1\t0\nUSER\t1\talice@example.com\tservice=lmtp\n");
            c.next();
            c.next();
            assertTrue(c.next().startsWith("USER\t1\talice@example.com\t"), "the server is still healthy");
        }
    }

    @Test
    void doveadmUserLooksUpThroughTheSocket() throws Exception {
        Path socket = start();
        String out = doveadm(0, "user", "-a", socket.toString(), "alice@example.com");
        assertTrue(out.contains("home\t/srv/mail/alice") && out.contains("uid\t5000") && out.contains("quota_rule\t*:storage=1G"),
                out);
        // doveadm's exit code 67 (EX_NOUSER) for an unknown user.
        String missing = doveadm(67, "user", "-a", socket.toString(), "nobody@example.com");
        assertTrue(missing.contains("doesn't exist"), missing);
    }

    /** Runs Dovecot's doveadm (Debian package dovecot-core, which .ci/run installs) and checks its exit code. */
    static String doveadm(int expectedExit, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("doveadm"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("doveadm is not installed (Debian package dovecot-core; .ci/run installs it)", e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "doveadm did not finish");
        assertEquals(expectedExit, p.exitValue(), command + " printed: " + out);
        return out;
    }
}
