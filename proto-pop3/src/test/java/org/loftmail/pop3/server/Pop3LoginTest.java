package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.pop3.session.Pop3Settings;

/** The AUTHORIZATION state: greeting, CAPA, USER/PASS and AUTH (RFC 5034) with RFC 3206 codes. */
class Pop3LoginTest {
    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    @Test
    void greetingAndCapaBeforeAndAfterLogin() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.connect()) {
            assertEquals("+OK Loft ready.", c.line());
            assertEquals("+OK", c.command("CAPA"));
            assertEquals(List.of("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "STLS", "USER",
                    "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256"), c.lines());
            c.login(TestNode.ALICE, TestNode.ALICE_PW);
            assertEquals("+OK", c.command("capa"));
            assertEquals(List.of("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"), c.lines());
        }
    }

    @Test
    void userPassRightAndWrong() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            assertEquals("+OK", c.command("USER " + TestNode.ALICE));
            assertEquals("-ERR [AUTH] Authentication failed.", c.command("PASS wrong"));
            assertEquals("-ERR No username given.", c.command("PASS " + TestNode.ALICE_PW),
                    "a failed PASS forgets the USER");
            assertEquals("+OK", c.command("USER nobody"));
            assertEquals("-ERR [AUTH] Authentication failed.", c.command("PASS x"),
                    "an unknown user looks like a wrong password");
            assertEquals("-ERR No username given.", c.command("USER"));
            assertEquals("+OK", c.command("user " + TestNode.ALICE));
            assertEquals("+OK Logged in.", c.command("pass " + TestNode.ALICE_PW));
        }
    }

    @Test
    void commandsOfTheWrongStateAndApop() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            assertEquals("-ERR Unknown command.", c.command("STAT"));
            assertEquals("-ERR Unknown command.", c.command("RETR 1"));
            assertEquals("-ERR APOP not enabled.", c.command("APOP alice 0123456789abcdef0123456789abcdef"));
            assertEquals("+OK Logging out", c.command("QUIT"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void saslPlainWithInitialResponseAndWithContinuation() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            try (Pop3Client c = node.greeted()) {
                assertEquals("+OK Logged in.", c.command("AUTH PLAIN " + b64("\0alice\0secret")));
            }
            try (Pop3Client c = node.greeted()) {
                assertEquals("+ ", c.command("auth plain"));
                assertEquals("+OK Logged in.", c.command(b64("\0alice\0secret")));
                assertEquals("+OK 0 0", c.command("STAT"));
            }
            try (Pop3Client c = node.greeted()) {
                assertEquals("-ERR [AUTH] Authentication failed.", c.command("AUTH PLAIN " + b64("\0alice\0nope")));
                assertEquals("+ ", c.command("AUTH PLAIN"));
                assertEquals("-ERR Authentication aborted by client.", c.command("*"));
                assertEquals("+ ", c.command("AUTH PLAIN"));
                assertEquals("-ERR Invalid base64 data in continued response.", c.command("!!!"));
                assertEquals("-ERR [AUTH] Authentication failed.", c.command("AUTH PLAIN ="),
                        "an empty response (RFC 5034 '=') is a malformed PLAIN message");
                assertEquals("+OK Logged in.", c.command("AUTH PLAIN " + b64("alice\0alice\0secret")),
                        "an authorization id equal to the user is no master login");
            }
        }
    }

    @Test
    void saslLogin() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            assertEquals("Username:", unb64(c.command("AUTH LOGIN").substring(2)));
            assertEquals("Password:", unb64(c.command(b64("bob")).substring(2)));
            assertEquals("+OK Logged in.", c.command(b64("hunter2")));
        }
    }

    @Test
    void cramMd5() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            String challenge = unb64(c.command("AUTH CRAM-MD5").substring(2));
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            String digest = HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
            assertEquals("+OK Logged in.", c.command(b64("alice " + digest)));
        }
    }

    @Test
    void scramSha256WithTheExtraServerFinalChallenge() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            String clientFirstBare = "n=alice,r=clientnonce0123";
            String serverFirst = unb64(c.command("AUTH SCRAM-SHA-256 " + b64("n,," + clientFirstBare)).substring(2));
            String nonce = field(serverFirst, "r");
            byte[] salt = Base64.getDecoder().decode(field(serverFirst, "s"));
            int iterations = Integer.parseInt(field(serverFirst, "i"));
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec("secret".toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            byte[] signature = hmac(storedKey, clientFirstBare + "," + serverFirst + "," + withoutProof);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            String serverFinal = unb64(c.command(b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)))
                    .substring(2));
            byte[] serverKey = hmac(salted, "Server Key");
            assertEquals("v=" + Base64.getEncoder().encodeToString(
                    hmac(serverKey, clientFirstBare + "," + serverFirst + "," + withoutProof)), serverFinal);
            assertEquals("+OK Logged in.", c.command(""));
        }
    }

    private static String field(String message, String name) {
        for (String part : message.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authWithoutArgumentsListsTheMechanismsAndUnknownOnesAreRefused() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            assertEquals("+OK", c.command("AUTH"));
            assertEquals(List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256"), c.lines());
            assertEquals("-ERR Unsupported authentication mechanism.", c.command("AUTH DIGEST-MD5"));
            assertEquals("-ERR Unsupported authentication mechanism.", c.command("AUTH XOAUTH2 abc"),
                    "no token passdb, no XOAUTH2");
            assertEquals("-ERR Unsupported authentication mechanism.", c.command("AUTH SCRAM-SHA-1"),
                    "not in auth_mechanisms");
            assertEquals("+OK", c.command("USER alice"), "the session goes on");
        }
    }

    @Test
    void anUnavailablePassdbIsATemporaryFailure() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (TestNode node = TestNode.start(dir, r -> {
            asked.incrementAndGet();
            return new AuthResult.Unavailable("database down");
        }); Pop3Client c = node.greeted()) {
            c.command("USER alice");
            assertEquals("-ERR [SYS/TEMP] Temporary authentication failure.", c.command("PASS secret"));
            assertEquals("-ERR [SYS/TEMP] Temporary authentication failure.",
                    c.command("AUTH PLAIN " + b64("\0alice\0secret")));
            assertEquals(2, asked.get());
        }
    }

    @Test
    void aRefusedUserGetsTheReason() throws Exception {
        try (TestNode node = TestNode.start(dir, r -> new AuthResult.Refused("Account suspended."));
             Pop3Client c = node.greeted()) {
            c.command("USER alice");
            assertEquals("-ERR [AUTH] Account suspended.", c.command("PASS secret"));
        }
    }

    @Test
    void mailMaxUseripConnections() throws Exception {
        try (TestNode node = TestNode.startWithUserIpLimit(dir, 1);
             Pop3Client first = node.loggedIn(TestNode.BOB, TestNode.BOB_PW);
             Pop3Client second = node.greeted()) {
            second.command("USER alice");
            assertEquals("+OK Logged in.", second.command("PASS secret"), "another user is not counted");
            try (Pop3Client third = node.greeted()) {
                third.command("USER bob");
                assertEquals("-ERR [IN-USE] Maximum number of connections from user+IP exceeded "
                        + "(mail_max_userip_connections=1)", third.command("PASS hunter2"));
            }
            assertEquals("+OK Logging out.", first.command("QUIT"));
            try (Pop3Client fourth = node.greeted()) {
                fourth.command("USER bob");
                assertEquals("+OK Logged in.", fourth.command("PASS hunter2"), "QUIT gave the slot back");
            }
        }
    }

    @Test
    void tooManyConnectionsAreRefused() throws Exception {
        try (TestNode node = TestNode.start(dir, TestNode.SETTINGS.withMaxConnections(1));
             Pop3Client first = node.greeted();
             Pop3Client second = node.connect()) {
            assertEquals("-ERR [SYS/TEMP] Too many connections, try again later.", second.line());
            assertTrue(second.closedByServer());
            assertEquals("+OK", first.command("USER alice"));
        }
    }

    @Test
    void anIdleConnectionIsToldAndClosed() throws Exception {
        Pop3Settings quick = TestNode.SETTINGS.withTimeouts(Duration.ofMillis(300), Duration.ofMinutes(10),
                Duration.ofMillis(10));
        try (TestNode node = TestNode.start(dir, quick); Pop3Client c = node.greeted()) {
            assertEquals("-ERR Disconnected for inactivity.", c.line());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void bearerTokensWithRfc7628sErrorChallenge() throws Exception {
        try (TestNode node = TestNode.startWithTokens(dir, r -> r.password().equals("good-token")
                ? new AuthResult.Success(new org.loftmail.core.model.UserId(r.user()))
                : new AuthResult.Failure("invalid token"));
             Pop3Client c = node.greeted()) {
            assertEquals("+OK", c.command("CAPA"));
            assertTrue(c.lines().contains("SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256 OAUTHBEARER XOAUTH2"));
            String bad = c.command("AUTH XOAUTH2 " + b64("user=alice\u0001auth=Bearer bad-token\u0001\u0001"));
            assertTrue(unb64(bad.substring(2)).contains("\"status\""), bad);
            assertEquals("-ERR [AUTH] Authentication failed.", c.command(""));
            assertEquals("+OK Logged in.",
                    c.command("AUTH OAUTHBEARER " + b64("n,a=alice,\u0001auth=Bearer good-token\u0001\u0001")));
        }
    }
}
