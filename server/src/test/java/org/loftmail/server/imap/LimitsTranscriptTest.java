package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.codec.ImapLimits;
import org.loftmail.imap.session.ImapSettings;

/** Malformed commands, over-long lines and literals, too many errors, timeouts, connection limits. */
class LimitsTranscriptTest {
    @TempDir
    Path dir;

    private ImapTestServer server(ImapSettings settings) {
        return new ImapTestServer(dir, "", settings);
    }

    private static ImapSettings small() {
        return ImapSettings.DEFAULTS.withLimits(new ImapLimits(1024, 4096, 10, 16 * 1024, 2048))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(10));
    }

    @Test
    void malformedCommandsGetBadAndTheSessionGoesOn() {
        try (ImapTestServer s = server(small()); Transcript t = s.login("alice")) {
            t.run("""
                C: a1 FROBNICATE
                S: a1 BAD <*>
                C: a2 SELECT
                S: a2 BAD <*>
                C: a3 FETCH 1:x (FLAGS)
                S: a3 BAD <*>
                C: a4 SEARCH UNDRAFTED
                S: a4 BAD <*>
                C: a5 STORE 1 +FLAGZ (\\Seen)
                S: a5 BAD <*>
                C: ()
                S: * BAD <*>
                C: a6 NOOP
                S: a6 OK NOOP completed.
                """);
        }
    }

    @Test
    void overLongLinesAndLiteralsAreRefusedWithoutReadingThem() {
        try (ImapTestServer s = server(small()); Transcript t = s.login("alice")) {
            t.send("a1 NOOP " + "x".repeat(5000));
            t.run("""
                S: a1 BAD <*>
                C: a2 APPEND INBOX {100000}
                S: a2 NO [TOOBIG] <*>
                C: a3 NOOP
                S: a3 OK NOOP completed.
                """);
            // A non-synchronizing literal over the limit: its bytes are skipped, not executed.
            String body = "a9 LOGOUT\r\n".repeat(500);
            t.sendRaw(("a4 APPEND INBOX {" + body.length() + "+}\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII));
            t.run("""
                S: a4 NO [TOOBIG] <*>
                C: a5 STATUS INBOX (MESSAGES)
                S: * STATUS INBOX (MESSAGES 0)
                S: a5 OK Status completed.
                """);
        }
    }

    @Test
    void twentyBadCommandsInARowCloseTheConnection() {
        try (ImapTestServer s = server(small()); Transcript t = s.login("alice")) {
            for (int i = 1; i < 20; i++) {
                t.send("b" + i + " BOGUS");
                t.expectLine("b" + i + " BAD <*>");
            }
            t.run("""
                C: b20 BOGUS
                S: b20 BAD <*>
                S: * BYE Too many invalid IMAP commands.
                """);
            assertTrue(t.closedByServer());
        }
    }

    @Test
    void unauthenticatedConnectionsTimeOutQuickly() {
        ImapSettings quick = small().withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(30), Duration.ofMillis(10));
        try (ImapTestServer s = server(quick); Transcript t = s.connect()) {
            t.run("""
                S: * OK <*>
                S: * BYE Disconnected for inactivity.
                """);
            assertTrue(t.closedByServer());
        }
    }

    @Test
    void connectionsOverTheLimitAreRefused() {
        try (ImapTestServer s = server(small().withMaxConnections(2));
             Transcript a = s.connect(); Transcript b = s.connect(); Transcript c = Transcript.plain(s.plain)) {
            a.expectLine("* OK <*>");
            b.expectLine("* OK <*>");
            c.expectLine("* BYE Too many connections, try again later.");
            assertTrue(c.closedByServer());
            a.run("""
                C: a1 NOOP
                S: a1 OK NOOP completed.
                """);
        }
    }

    @Test
    void sslRequiredStillAllowsLoopbackAndTlsLogins() {
        try (ImapTestServer s = new ImapTestServer(dir, "ssl = required\n", small());
             Transcript t = Transcript.plain(s.plain)) {
            // Loopback counts as secure (as in Dovecot); the non-loopback case is covered by
            // proto-imap's session test with a non-loopback peer.
            t.run("""
                S: * OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR LITERAL+ IDLE ENABLE ID] Loft ready.
                C: a1 LOGIN alice pw
                S: a1 OK <*>
                """);
        }
    }

    @Test
    void connectionsPerUserAndAddressAreLimited() {
        try (ImapTestServer s = new ImapTestServer(dir, "protocol imap {\n  mail_max_userip_connections = 2\n}\n", small());
             Transcript a = s.login("alice"); Transcript b = s.login("alice"); Transcript c = s.connect()) {
            c.run("""
                S: * OK <*>
                C: a1 LOGIN alice pw
                S: a1 NO [LIMIT] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=2)
                C: a2 LOGIN bob pw
                S: a2 OK <*>
                """);
            a.run("""
                C: z LOGOUT
                S: * BYE Logging out
                S: z OK Logout completed.
                """);
            try (Transcript d = s.connect()) {
                // A slot is free again once the server has seen a's connection close.
                boolean loggedIn = false;
                for (int i = 0; i < 50 && !loggedIn; i++) {
                    loggedIn = loginWorks(d, i);
                    if (!loggedIn) {
                        sleep();
                    }
                }
                assertTrue(loggedIn, "a closed connection must free its slot");
            }
        }
    }

    private static boolean loginWorks(Transcript t, int i) {
        if (i == 0) {
            t.expectLine("* OK <*>");
        }
        t.send("t" + i + " LOGIN alice pw");
        String line = t.readLine();
        return line.startsWith("t" + i + " OK");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
