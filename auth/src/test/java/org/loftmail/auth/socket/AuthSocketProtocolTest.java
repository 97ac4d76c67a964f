package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.auth.socket.AuthSocketClient.b64;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileAuthenticator;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;

/** Transcripts of Dovecot's auth-client protocol over a real UNIX socket: client lines in, exact server lines out. */
class AuthSocketProtocolTest {
    private static final String PLAIN_RIGHT = b64("\0alice\0right");
    private static final String PLAIN_WRONG = b64("\0alice\0wrong");

    @TempDir
    Path dir;
    private AuthSocketServer server;
    private final List<AuthRequest> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path start(Authenticator auth, LoginPenalty penalty, Duration failureDelay) {
        server = new AuthSocketServer(dir.resolve("auth"), request -> {
            seen.add(request);
            return auth.authenticate(request);
        }, penalty, AuthSocketOptions.DEFAULTS.withFailureDelay(failureDelay));
        server.start();
        return server.socket();
    }

    private Authenticator passwd() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "alice:{PLAIN}right\n");
        return new PasswdFileAuthenticator(new PasswdFile(passwd, PasswordScheme.PLAIN));
    }

    private Path start() throws Exception {
        return start(passwd(), LoginPenalty.NONE, Duration.ZERO);
    }

    @Test
    void handshakeIsDovecots() throws Exception {
        Path socket = start();
        try (AuthSocketClient a = new AuthSocketClient(socket); AuthSocketClient b = new AuthSocketClient(socket)) {
            // Sent before the client says anything: Exim waits for it.
            List<String> lines = a.handshake();
            assertEquals(7, lines.size(), lines.toString());
            assertEquals("VERSION\t1\t2", lines.get(0));
            assertEquals("MECH\tPLAIN\tplaintext", lines.get(1));
            assertEquals("MECH\tLOGIN\tplaintext", lines.get(2));
            assertEquals("SPID\t" + ProcessHandle.current().pid(), lines.get(3));
            assertTrue(lines.get(4).matches("CUID\t[1-9][0-9]*"), lines.get(4));
            assertTrue(lines.get(5).matches("COOKIE\t[0-9a-f]{32}"), lines.get(5));
            assertEquals("DONE", lines.get(6));

            List<String> other = b.handshake();
            assertNotEquals(lines.get(4), other.get(4), "each connection has its own CUID");
            assertNotEquals(lines.get(5), other.get(5), "and its own cookie");
        }
    }

    @Test
    void plainWithInitialResponseSucceedsOrFails() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            // Exactly what Postfix 3.7 sends.
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tnologin\tlip=127.0.0.1\trip=192.0.2.7\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("OK\t1\tuser=alice");
            c.send("AUTH\t2\tPLAIN\tservice=smtp\tnologin\tlip=127.0.0.1\trip=192.0.2.7\tsecured\tresp=" + PLAIN_WRONG + "\n");
            c.expect("FAIL\t2\tuser=alice");
        }
        assertEquals(2, seen.size());
        AuthRequest first = seen.get(0);
        assertEquals("alice", first.user());
        assertEquals("right", first.password());
        assertEquals("smtp", first.service());
        assertEquals(InetAddress.getByName("192.0.2.7"), first.remote());
        assertFalse(first.secured());
        assertTrue(seen.get(1).secured(), "secured is passed on to the Authenticator");
    }

    @Test
    void plainWithoutInitialResponseGetsAnEmptyChallenge() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t7\tplain\tservice=smtp\n");
            c.expect("CONT\t7\t");
            c.send("CONT\t7\t" + PLAIN_RIGHT + "\n");
            c.expect("OK\t7\tuser=alice");
        }
    }

    @Test
    void loginAsksForUserThenPassword() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tLOGIN\tservice=smtp\trip=192.0.2.7\n");
            c.expect("CONT\t1\t" + b64("Username:"));
            c.send("CONT\t1\t" + b64("alice") + "\n");
            c.expect("CONT\t1\t" + b64("Password:"));
            c.send("CONT\t1\t" + b64("right") + "\n");
            c.expect("OK\t1\tuser=alice");

            // An initial response is the user name ("AUTH LOGIN YWxpY2U=").
            c.send("AUTH\t2\tLOGIN\tservice=smtp\tresp=" + b64("alice") + "\n");
            c.expect("CONT\t2\t" + b64("Password:"));
            c.send("CONT\t2\t" + b64("wrong") + "\n");
            c.expect("FAIL\t2\tuser=alice");
        }
    }

    @Test
    void malformedBase64FailsTheRequestNotTheConnection() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=not*base64\n");
            c.expect("FAIL\t1\treason=Invalid base64 data in initial response");
            c.send("AUTH\t2\tLOGIN\tservice=smtp\n");
            c.expect("CONT\t2\t" + b64("Username:"));
            c.send("CONT\t2\t%%%\n");
            c.expect("FAIL\t2\treason=Invalid base64 data in continued response");
            // A continuation nobody asked for, and one for a request that is gone.
            c.send("CONT\t2\t" + b64("alice") + "\n");
            c.expect("FAIL\t2\treason=Authentication request timed out");
            c.send("AUTH\t3\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("OK\t3\tuser=alice");
            c.send("CONT\t3\t" + b64("x") + "\n");
            c.expect("FAIL\t3\treason=Authentication request timed out");
        }
        assertEquals(1, seen.size(), "only the well-formed request reached the Authenticator");
    }

    @Test
    void aMalformedPlainMessageIsAFailedLogin() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + b64("alice right") + "\n");
            c.expect("FAIL\t1");
        }
        assertTrue(seen.isEmpty(), "nothing to check: the message has no user and password");
    }

    @Test
    void aUserNameCannotInjectParametersOrLines() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + b64("\0al\tice\nOK\t9\0x") + "\n");
            c.expect("FAIL\t1\tuser=al\001tice\001nOK\001t9");
        }
    }

    @Test
    void anUnknownMechanismClosesTheConnectionAsInDovecot() throws Exception {
        Path socket = start();
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            // Clients only ask for what the handshake offered; Dovecot disconnects ("BUG: ...").
            c.send("AUTH\t1\tCRAM-MD5\tservice=smtp\n");
            c.expectClosed();
        }
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("OK\t1\tuser=alice");
        }
    }

    @Test
    void anUnavailableBackendIsATemporaryFailure() throws Exception {
        Path socket = start(request -> new AuthResult.Unavailable("database down"), LoginPenalty.NONE, Duration.ZERO);
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("FAIL\t1\tuser=alice\ttemp\tcode=temp_fail\treason=Temporary authentication failure.");
        }
    }

    @Test
    void anAuthenticatorThatThrowsIsATemporaryFailureToo() throws Exception {
        Path socket = start(request -> {
            throw new IllegalStateException("bug");
        }, LoginPenalty.NONE, Duration.ZERO);
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("FAIL\t1\tuser=alice\ttemp\tcode=temp_fail\treason=Temporary authentication failure.");
        }
    }

    @Test
    void anOverlongLineClosesThatConnectionOnly() throws Exception {
        Path socket = start();
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + "A".repeat(AuthSocketOptions.DEFAULTS.maxLineLength()) + "\n");
            c.expectClosed();
        }
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            // Just under the limit is a line like any other.
            String resp = "=".repeat(8000);
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + resp.substring(0, 7000) + "\n");
            c.expect("FAIL\t1\treason=Invalid base64 data in initial response");
        }
    }

    @Test
    void pipelinedRequestsAreEachAnsweredByID() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + PLAIN_WRONG + "\n"
                    + "AUTH\t2\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            // Checked concurrently, so in either order.
            assertEquals(Set.of("FAIL\t1\tuser=alice", "OK\t2\tuser=alice"), Set.of(c.next(), c.next()));
        }
    }

    @Test
    void theHandshakeMayArriveInOneWriteWithARequest() throws Exception {
        try (AuthSocketClient c = new AuthSocketClient(start())) {
            c.send("VERSION\t1\t2\r\nCPID\t1\nAUTH\t1\tPLAIN\tservice=smtp\tresp=" + PLAIN_RIGHT + "\n");
            c.handshake();
            c.expect("OK\t1\tuser=alice");
        }
    }

    @Test
    void brokenHandshakesAndUnknownCommandsClose() throws Exception {
        Path socket = start();
        for (String wrong : List.of("AUTH\t1\tPLAIN\tservice=smtp\n", "VERSION\t2\t0\n", "VERSION\t1\t0\nHELLO\n",
                "VERSION\t1\t0\nCPID\t1\nNOOP\t1\n", "VERSION\t1\t0\nCPID\t1\nAUTH\tx\tPLAIN\tservice=smtp\n",
                "VERSION\t1\t0\nCPID\t1\nAUTH\t1\tPLAIN\n", "VERSION\t1\t0\nCPID\t1\nCONT\t1\n")) {
            try (AuthSocketClient c = new AuthSocketClient(socket)) {
                c.handshake();
                c.send(wrong);
                c.expectClosed();
            }
        }
    }

    @Test
    void aDuplicateIdClosesAndCancelForgets() throws Exception {
        Path socket = start();
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            c.send("AUTH\t1\tLOGIN\tservice=smtp\n");
            c.expect("CONT\t1\t" + b64("Username:"));
            c.send("CANCEL\t1\n");
            c.send("CONT\t1\t" + b64("alice") + "\n");
            c.expect("FAIL\t1\treason=Authentication request timed out");
            c.send("AUTH\t2\tLOGIN\tservice=smtp\n");
            c.expect("CONT\t2\t" + b64("Username:"));
            c.send("AUTH\t2\tLOGIN\tservice=smtp\n");
            c.expectClosed();
        }
    }

    @Test
    void failuresWaitTheFailureDelayAndFeedThePenaltyPerAddress() throws Exception {
        RecordingPenalty penalty = new RecordingPenalty(300);
        Path socket = start(passwd(), penalty, Duration.ofMillis(400));
        InetAddress rip = InetAddress.getByName("2001:db8::7");
        try (AuthSocketClient c = AuthSocketClient.handshaken(socket)) {
            long t0 = System.nanoTime();
            c.send("AUTH\t1\tPLAIN\tservice=smtp\trip=2001:db8::7\tresp=" + PLAIN_WRONG + "\n");
            c.expect("FAIL\t1\tuser=alice");
            long failed = millisSince(t0);
            assertTrue(failed >= 650, "penalty 300 ms + failure delay 400 ms, took " + failed);
            assertEquals(List.of("delay " + rip, "failed " + rip), penalty.calls);

            t0 = System.nanoTime();
            c.send("AUTH\t2\tPLAIN\tservice=smtp\trip=2001:db8::7\tresp=" + PLAIN_RIGHT + "\n");
            c.expect("OK\t2\tuser=alice");
            long ok = millisSince(t0);
            assertTrue(ok >= 280 && ok < 2000, "a success waits for the penalty only, took " + ok);
            assertEquals("succeeded " + rip, penalty.calls.get(penalty.calls.size() - 1));

            // no-penalty: neither waits for the penalty nor feeds it.
            int before = penalty.calls.size();
            c.send("AUTH\t3\tPLAIN\tservice=smtp\trip=2001:db8::7\tno-penalty\tresp=" + PLAIN_WRONG + "\n");
            c.expect("FAIL\t3\tuser=alice");
            assertEquals(before, penalty.calls.size());
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Always asks for the same wait and writes down what it is told. */
    private static final class RecordingPenalty implements LoginPenalty {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final long delay;

        RecordingPenalty(long delay) {
            this.delay = delay;
        }

        @Override
        public long delayMillis(InetAddress remote) {
            calls.add("delay " + remote);
            return delay;
        }

        @Override
        public void failed(InetAddress remote) {
            calls.add("failed " + remote);
        }

        @Override
        public void succeeded(InetAddress remote) {
            calls.add("succeeded " + remote);
        }
    }
}
