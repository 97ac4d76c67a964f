package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.session.ImapSettings;

/** Greeting, CAPABILITY, LOGIN, AUTHENTICATE, STARTTLS, ID, ENABLE, NOOP, LOGOUT over real sockets. */
class LoginTranscriptTest {
    private static final String PRE_LOGIN_TLS = "IMAP4rev1 IMAP4rev2 AUTH=PLAIN AUTH=LOGIN SASL-IR LITERAL+ IDLE ENABLE ID";
    private static final String POST_LOGIN = "IMAP4rev1 IMAP4rev2 SASL-IR LITERAL+ IDLE NAMESPACE UIDPLUS MOVE UNSELECT "
            + "ENABLE ID CHILDREN SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH BINARY MULTIAPPEND STATUS=SIZE "
            + "APPENDLIMIT=67108864 CONDSTORE QRESYNC SORT SORT=DISPLAY THREAD=REFERENCES THREAD=ORDEREDSUBJECT THREAD=REFS ESORT CONTEXT=SEARCH CONTEXT=SORT SEARCHRES WITHIN COMPRESS=DEFLATE PREVIEW SAVEDATE METADATA NOTIFY UTF8=ACCEPT";

    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void capabilityBeforeAndAfterLoginSaysExactlyWhatWorks() {
        try (Transcript t = server.connect()) {
            t.run("""
                S: * OK [CAPABILITY %1$s] Loft ready.
                C: a1 CAPABILITY
                S: * CAPABILITY %1$s
                S: a1 OK Capability completed.
                C: a2 LOGIN alice pw
                S: a2 OK [CAPABILITY %2$s] Logged in
                C: a3 CAPABILITY
                S: * CAPABILITY %2$s
                S: a3 OK Capability completed.
                C: a4 NOOP
                S: a4 OK NOOP completed.
                C: a5 LOGOUT
                S: * BYE Logging out
                S: a5 OK Logout completed.
                """.formatted(PRE_LOGIN_TLS, POST_LOGIN));
            assertTrue(t.closedByServer());
        }
    }

    @Test
    void wrongPasswordIsRefusedAfterADelayAndTheSessionGoesOn() {
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            long start = System.nanoTime();
            t.run("""
                C: a1 LOGIN alice wrong
                S: a1 NO [AUTHENTICATIONFAILED] Authentication failed.
                """);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 190, "auth failure must be delayed, answered after " + waitedMs + " ms");
            t.run("""
                C: a2 LOGIN nobody pw
                S: a2 NO [AUTHENTICATIONFAILED] Authentication failed.
                C: a3 SELECT INBOX
                S: a3 BAD Not authenticated.
                C: a4 LOGIN alice pw
                S: a4 OK [CAPABILITY <*>] Logged in
                C: a5 LOGIN alice pw
                S: a5 BAD Already authenticated.
                """);
        }
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponse() {
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.run("""
                C: a1 AUTHENTICATE PLAIN %s
                S: a1 OK [CAPABILITY <*>] Logged in
                """.formatted(b64("\0alice\0pw")));
        }
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.run("""
                C: a1 AUTHENTICATE PLAIN
                S: +\040
                C: %s
                S: a1 OK [CAPABILITY <*>] Logged in
                """.formatted(b64("alice\0alice\0pw")));
        }
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.run("""
                C: a1 AUTHENTICATE PLAIN
                S: +\040
                C: *
                S: a1 BAD Authentication aborted by client.
                C: a2 AUTHENTICATE PLAIN %s
                S: a2 NO [AUTHENTICATIONFAILED] Authentication failed.
                C: a3 AUTHENTICATE PLAIN !!!
                S: a3 BAD Invalid initial response
                C: a4 AUTHENTICATE CRAM-SHA9
                S: a4 NO Unsupported authentication mechanism.
                """.formatted(b64("bob\0alice\0pw")));
        }
    }

    @Test
    void authenticateLogin() {
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.run("""
                C: a1 AUTHENTICATE LOGIN
                S: + VXNlcm5hbWU6
                C: %s
                S: + UGFzc3dvcmQ6
                C: %s
                S: a1 OK [CAPABILITY <*>] Logged in
                """.formatted(b64("bob"), b64("pw")));
        }
        try (Transcript t = server.connect()) {
            t.expectLine("* OK <*>");
            t.run("""
                C: a1 AUTHENTICATE LOGIN %s
                S: + UGFzc3dvcmQ6
                C: %s
                S: a1 OK [CAPABILITY <*>] Logged in
                """.formatted(b64("bob"), b64("pw")));
        }
    }

    @Test
    void startTlsUpgradesThePlainListener() {
        try (Transcript t = Transcript.plain(server.plain)) {
            t.run("""
                S: * OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR LITERAL+ IDLE ENABLE ID] Loft ready.
                C: a1 STARTTLS
                S: a1 OK Begin TLS negotiation now.
                """);
            t.startTls();
            t.run("""
                C: a2 CAPABILITY
                S: * CAPABILITY %s
                S: a2 OK Capability completed.
                C: a3 STARTTLS
                S: a3 BAD TLS is already active.
                C: a4 LOGIN alice pw
                S: a4 OK [CAPABILITY <*>] Logged in
                """.formatted(PRE_LOGIN_TLS));
        }
    }

    @Test
    void commandsPipelinedInClearTextAfterStartTlsAreDropped() {
        try (Transcript t = Transcript.plain(server.plain)) {
            t.expectLine("* OK <*>");
            // RFC 3501 section 6.2.1 / CVE-2011-0411: what follows STARTTLS in the same packet
            // must not be executed after the handshake.
            t.sendRaw("a1 STARTTLS\r\na2 LOGIN alice pw\r\n".getBytes(StandardCharsets.US_ASCII));
            t.expectLine("a1 OK Begin TLS negotiation now.");
            t.startTls();
            t.run("""
                C: a3 NOOP
                S: a3 OK NOOP completed.
                C: a4 SELECT INBOX
                S: a4 BAD Not authenticated.
                """);
        }
    }

    @Test
    void idEnableAndNamespace() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 ID ("name" "test")
                S: * ID ("name" "Loft" "vendor" "Loft" "support-url" "https://loftmail.org/")
                S: a1 OK ID completed.
                C: a2 ENABLE IMAP4rev2 CONDSTORE X-UNKNOWN
                S: * ENABLED IMAP4rev2 CONDSTORE
                S: a2 OK Enabled.
                C: a3 ENABLE IMAP4rev2
                S: * ENABLED
                S: a3 OK Enabled.
                C: a4 NAMESPACE
                S: * NAMESPACE (("" "/")) NIL NIL
                S: a4 OK Namespace completed.
                """);
        }
    }

    @Test
    void nologinUsersAreToldWhyOnlyWithTheRightPassword() {
        try (ImapTestServer s = new ImapTestServer(dir.resolve("nologin"), "", ImapSettings.DEFAULTS.withTimeouts(
                java.time.Duration.ofSeconds(60), java.time.Duration.ofMinutes(30), java.time.Duration.ofMillis(10)),
                "carol:{PLAIN}pw::::::nologin reason=Moved.\n");
             Transcript t = s.connect()) {
            t.run("""
                S: * OK <*>
                C: a1 LOGIN carol wrong
                S: a1 NO [AUTHENTICATIONFAILED] Authentication failed.
                C: a2 LOGIN carol pw
                S: a2 NO [AUTHORIZATIONFAILED] Moved.
                C: a3 SELECT INBOX
                S: a3 BAD Not authenticated.
                """);
        }
    }
}
