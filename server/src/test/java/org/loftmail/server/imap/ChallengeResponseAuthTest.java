package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.imap.session.ImapSettings;

/**
 * AUTHENTICATE CRAM-MD5 and SCRAM-SHA-1/-256 against a running node, driven by python's own
 * imaplib/hmac/hashlib ({@code imap/sasl_client.py}), so the mechanisms are checked against an
 * implementation that is not ours.
 */
class ChallengeResponseAuthTest {
    @TempDir
    static Path dir;
    private static ImapTestServer server;
    private static Path script;

    @BeforeAll
    static void start() throws Exception {
        script = dir.resolve("sasl_client.py");
        try (InputStream in = ChallengeResponseAuthTest.class.getResourceAsStream("/imap/sasl_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        server = new ImapTestServer(dir.resolve("node"), "auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256\n",
                ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(60),
                Duration.ofMinutes(30), Duration.ofMillis(50)),
                "carol:" + PasswordScheme.SHA512_CRYPT.hash("crypt-pw") + "\n"
                + "dave:" + PasswordScheme.SCRAM_SHA_256.hash("scram pw") + "\n"
                + "erin:" + PasswordScheme.CRAM_MD5.hash("cram-pw") + "\n");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(String mech, String user, String password) throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), server.plain.getHostString(),
                String.valueOf(server.plain.getPort()), mech, user, password).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python client hangs");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() + " " + out;
    }

    @Test
    void cramMd5() throws Exception {
        assertTrue(run("CRAM-MD5", "alice", ImapTestServer.PASSWORD).startsWith("0 OK"));
        assertTrue(run("CRAM-MD5", "erin", "cram-pw").startsWith("0 OK"));
        assertTrue(run("CRAM-MD5", "alice", "wrong").startsWith("1 NO"));
        // A SHA512-CRYPT hash cannot give the HMAC-MD5 context: CRAM-MD5 fails, PLAIN works.
        assertTrue(run("CRAM-MD5", "carol", "crypt-pw").startsWith("1 NO"));
        assertTrue(run("PLAIN", "carol", "crypt-pw").startsWith("0 OK"));
    }

    @Test
    void scram() throws Exception {
        assertEquals("0 OK", run("SCRAM-SHA-256", "alice", ImapTestServer.PASSWORD).substring(0, 4));
        assertEquals("0 OK", run("SCRAM-SHA-1", "bob", ImapTestServer.PASSWORD).substring(0, 4));
        assertEquals("0 OK", run("SCRAM-SHA-256", "dave", "scram pw").substring(0, 4));
        assertTrue(run("SCRAM-SHA-256", "alice", "wrong").startsWith("1 NO"));
        assertTrue(run("SCRAM-SHA-1", "dave", "scram pw").startsWith("1 NO"));
        assertTrue(run("SCRAM-SHA-256", "carol", "crypt-pw").startsWith("1 NO"));
    }

    @Test
    void advertised() {
        Transcript t = server.connect();
        t.expectLine("* OK [CAPABILITY <*>AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256<*>] Loft ready.");
    }
}
