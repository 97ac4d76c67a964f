package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.auth.socket.AuthSocketClient.b64;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.AuthChain;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFilePassdb;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.LoginPenalty;

/**
 * CRAM-MD5 and SCRAM on the auth-client socket, answered with client computations written here
 * from RFC 2195 and RFC 5802 (HMAC and PBKDF2 from the JDK), and master logins through PLAIN's
 * authorization identity.
 */
class AuthSocketChallengeTest {
    private static final List<String> ALL = List.of("plain", "login", "cram-md5", "scram-sha-1", "scram-sha-256");

    @TempDir
    Path dir;
    private AuthSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AuthChain chain(boolean withMaster) throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:{PLAIN}right\nbob:{SHA512-CRYPT}$6$salt$notusable\n");
        AuthChain.PassdbStep normal = AuthChain.PassdbStep.normal("users",
                new PasswdFilePassdb(new PasswdFile(users, PasswordScheme.PLAIN)));
        if (!withMaster) {
            return new AuthChain(List.of(normal), List.of(), null);
        }
        Path masters = dir.resolve("masters");
        Files.writeString(masters, "admin:{PLAIN}admin-pw\n");
        AuthChain.PassdbStep master = new AuthChain.PassdbStep("masters",
                new PasswdFilePassdb(new PasswdFile(masters, PasswordScheme.PLAIN)), AuthChain.Role.MASTER, false);
        return new AuthChain(List.of(master, normal), List.of(), null);
    }

    private Path start(AuthChain chain, CredentialLookup credentials, List<String> mechanisms) {
        server = new AuthSocketServer(dir.resolve("auth"), chain, credentials, mechanisms, LoginPenalty.NONE,
                AuthSocketOptions.DEFAULTS.withFailureDelay(Duration.ZERO));
        server.start();
        return server.socket();
    }

    private Path start() throws Exception {
        AuthChain chain = chain(false);
        return start(chain, chain, ALL);
    }

    @Test
    void theHandshakeOffersWhatAuthMechanismsNamesWithDovecotsFlags() throws Exception {
        AuthChain chain = chain(false);
        try (AuthSocketClient c = new AuthSocketClient(start(chain, chain, List.of("PLAIN", "scram-sha-256", "cram-md5",
                "oauthbearer")))) {
            List<String> mechs = c.handshake().stream().filter(l -> l.startsWith("MECH")).collect(Collectors.toList());
            // Postfix reads the flags: smtpd_sasl_security_options = noplaintext keeps only these two.
            assertEquals(List.of("MECH\tPLAIN\tplaintext", "MECH\tSCRAM-SHA-256\tmutual-auth",
                    "MECH\tCRAM-MD5\tdictionary\tactive"), mechs, "OAUTHBEARER is not served on the socket");
        }
        server.close();
        // Without stored credentials to check against, challenge-response mechanisms cannot work.
        try (AuthSocketClient c = new AuthSocketClient(start(chain, null, ALL))) {
            List<String> mechs = c.handshake().stream().filter(l -> l.startsWith("MECH")).collect(Collectors.toList());
            assertEquals(List.of("MECH\tPLAIN\tplaintext", "MECH\tLOGIN\tplaintext"), mechs);
        }
    }

    @Test
    void aMechanismNotOfferedClosesTheConnection() throws Exception {
        AuthChain chain = chain(false);
        try (AuthSocketClient c = AuthSocketClient.handshaken(start(chain, chain, List.of("plain")))) {
            c.send("AUTH\t1\tSCRAM-SHA-1\tservice=smtp\n");
            c.expectClosed();
        }
    }

    @Test
    void cramMd5ChallengesFirstAndChecksTheDigest() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            for (String password : List.of("right", "wrong")) {
                long id = password.equals("right") ? 1 : 2;
                c.send("AUTH\t" + id + "\tCRAM-MD5\tservice=smtp\n");
                String cont = c.next();
                assertTrue(cont.startsWith("CONT\t" + id + "\t"), cont);
                byte[] challenge = Base64.getDecoder().decode(cont.substring(cont.lastIndexOf('\t') + 1));
                String text = new String(challenge, StandardCharsets.US_ASCII);
                assertTrue(text.matches("<[0-9]+\\.[0-9]+@.+>"), "RFC 2195's msg-id form: " + text);
                String digest = HexFormat.of().formatHex(hmac("HmacMD5", password.getBytes(StandardCharsets.UTF_8), challenge));
                c.send("CONT\t" + id + "\t" + b64("alice " + digest) + "\n");
                c.expect(password.equals("right") ? "OK\t1\tuser=alice" : "FAIL\t2\tuser=alice");
            }
        }
    }

    @Test
    void scramSha1AndSha256EndInOkWithTheServerSignature() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            AtomicInteger ids = new AtomicInteger();
            for (String mech : List.of("SCRAM-SHA-1", "SCRAM-SHA-256")) {
                for (boolean initial : List.of(true, false)) {
                    int id = ids.incrementAndGet();
                    assertEquals("OK\t" + id + "\tuser=alice", scram(c, id, mech, "right", initial));
                }
                int id = ids.incrementAndGet();
                assertEquals("FAIL\t" + id + "\tuser=alice", scram(c, id, mech, "wrong", true));
            }
        }
    }

    @Test
    void aUserWhoseHashCannotGiveTheCredentialFailsWithoutAChallenge() throws Exception {
        try (AuthSocketClient c = AuthSocketClient.handshaken(start())) {
            c.send("AUTH\t1\tSCRAM-SHA-256\tservice=smtp\tresp=" + b64("n,,n=bob,r=abcdefgh") + "\n");
            c.expect("FAIL\t1\tuser=bob");
            c.send("AUTH\t2\tSCRAM-SHA-256\tservice=smtp\tresp=" + b64("n,,n=nobody,r=abcdefgh") + "\n");
            c.expect("FAIL\t2\tuser=nobody");
            c.send("AUTH\t3\tSCRAM-SHA-256\tservice=smtp\tresp=" + b64("p=tls-unique,,n=alice,r=abc") + "\n");
            c.expect("FAIL\t3");
        }
    }

    @Test
    void aCredentialStoreThatIsDownIsATemporaryFailure() throws Exception {
        AuthChain chain = chain(false);
        CredentialLookup down = (user, scheme) -> new CredentialResult.Unavailable("database down");
        try (AuthSocketClient c = AuthSocketClient.handshaken(start(chain, down, ALL))) {
            c.send("AUTH\t1\tSCRAM-SHA-1\tservice=smtp\tresp=" + b64("n,,n=alice,r=abcdefgh") + "\n");
            c.expect("FAIL\t1\tuser=alice\ttemp\tcode=temp_fail\treason=Temporary authentication failure.");
        }
    }

    @Test
    void plainsAuthorizationIdIsAMasterLoginOnlyWithAMasterPassdb() throws Exception {
        AuthChain plain = chain(false);
        try (AuthSocketClient c = AuthSocketClient.handshaken(start(plain, plain, ALL))) {
            // Without master users, logging in as someone else is refused even with the right password.
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + b64("bob\0alice\0right") + "\n");
            c.expect("FAIL\t1\tuser=alice");
        }
        server.close();
        AuthChain masters = chain(true);
        try (AuthSocketClient c = AuthSocketClient.handshaken(start(masters, masters, ALL))) {
            c.send("AUTH\t1\tPLAIN\tservice=smtp\tresp=" + b64("alice\0admin\0admin-pw") + "\n");
            c.expect("OK\t1\tuser=alice");
            c.send("AUTH\t2\tPLAIN\tservice=smtp\tresp=" + b64("alice\0admin\0wrong") + "\n");
            c.expect("FAIL\t2\tuser=admin");
            // An authzid equal to the user is an ordinary login.
            c.send("AUTH\t3\tPLAIN\tservice=smtp\tresp=" + b64("alice\0alice\0right") + "\n");
            c.expect("OK\t3\tuser=alice");
        }
    }

    @Test
    void doveadmAuthTestLogsInThroughTheSocket() throws Exception {
        Path socket = start();
        String ok = UserdbSocketTest.doveadm(0, "auth", "test", "-a", socket.toString(), "alice", "right");
        assertTrue(ok.contains("auth succeeded"), ok);
        // EX_NOPERM for a wrong password.
        String wrong = UserdbSocketTest.doveadm(77, "auth", "test", "-a", socket.toString(), "alice", "wrong");
        assertTrue(wrong.contains("auth failed"), wrong);
    }

    /** One SCRAM exchange as RFC 5802 section 3 describes the client; the server's last line. */
    private static String scram(AuthSocketClient c, int id, String mech, String password, boolean initial) throws Exception {
        boolean sha1 = mech.equals("SCRAM-SHA-1");
        String mac = sha1 ? "HmacSHA1" : "HmacSHA256";
        String clientFirstBare = "n=alice,r=clientnonce" + id;
        String clientFirst = "n,," + clientFirstBare;
        if (initial) {
            c.send("AUTH\t" + id + "\t" + mech + "\tservice=smtp\tresp=" + b64(clientFirst) + "\n");
        } else {
            c.send("AUTH\t" + id + "\t" + mech + "\tservice=smtp\n");
            assertEquals("CONT\t" + id + "\t", c.next(), "an empty challenge asks for the client-first message");
            c.send("CONT\t" + id + "\t" + b64(clientFirst) + "\n");
        }
        String cont = c.next();
        assertTrue(cont.startsWith("CONT\t" + id + "\t"), cont);
        String serverFirst = new String(Base64.getDecoder().decode(cont.substring(cont.lastIndexOf('\t') + 1)),
                StandardCharsets.UTF_8);
        Map<String, String> attrs = attributes(serverFirst);
        assertTrue(attrs.get("r").startsWith("clientnonce" + id), "the nonce extends the client's: " + serverFirst);
        byte[] salt = Base64.getDecoder().decode(attrs.get("s"));
        int iterations = Integer.parseInt(attrs.get("i"));
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance(sha1 ? "PBKDF2WithHmacSHA1" : "PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, sha1 ? 160 : 256))
                .getEncoded();
        byte[] clientKey = hmac(mac, salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance(sha1 ? "SHA-1" : "SHA-256").digest(clientKey);
        String withoutProof = "c=" + b64("n,,") + ",r=" + attrs.get("r");
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = hmac(mac, storedKey, authMessage);
        byte[] proof = clientKey.clone();
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= signature[i];
        }
        c.send("CONT\t" + id + "\t" + b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)) + "\n");
        String last = c.next();
        if (!last.startsWith("OK\t")) {
            return last;
        }
        byte[] serverKey = hmac(mac, salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        String expected = "v=" + Base64.getEncoder().encodeToString(hmac(mac, serverKey, authMessage));
        // Dovecot sends the server-final in OK's resp: the client checks it proves the server knew the key.
        String suffix = "\tresp=" + b64(expected);
        assertTrue(last.endsWith(suffix), last + " should end in " + suffix);
        return last.substring(0, last.length() - suffix.length());
    }

    private static Map<String, String> attributes(String message) {
        return java.util.Arrays.stream(message.split(","))
                .collect(Collectors.toMap(a -> a.substring(0, 1), a -> a.substring(2)));
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance(algorithm);
        m.init(new SecretKeySpec(key, algorithm));
        return m.doFinal(data);
    }
}
