package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.session.ImapSettings;

/**
 * AUTHENTICATE OAUTHBEARER and XOAUTH2 over IMAPS against an oauth2 passdb with a local HS256
 * key, as a client signed in through an identity provider would.
 */
class OAuthBearerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String token(String email, long expSeconds) throws Exception {
        String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64url(("{\"sub\":\"1234\",\"email\":\"" + email + "\",\"exp\":" + expSeconds + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String input = header + "." + claims;
        return input + "." + b64url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bearerTokensLogInAndBadOnesAreRefusedAsRfc7628Says() throws Exception {
        Path keys = dir.resolve("keys/default/HS256");
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("default"), Base64.getEncoder().encodeToString(SECRET));
        Path conf = dir.resolve("oauth2.conf");
        Files.writeString(conf, "introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix="
                + dir.resolve("keys") + "/\n");
        String passdb = "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " + conf + "\n}\n";
        long exp = System.currentTimeMillis() / 1000 + 600;
        try (ImapTestServer server = new ImapTestServer(dir.resolve("node"), passdb, ImapSettings.DEFAULTS
                .withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(10)))) {
            try (Transcript t = server.connect()) {
                t.run("""
                    S: * OK [CAPABILITY IMAP4rev1 IMAP4rev2 AUTH=PLAIN AUTH=LOGIN AUTH=OAUTHBEARER AUTH=XOAUTH2 SASL-IR LITERAL+ IDLE ENABLE ID] Loft ready.
                    C: a1 AUTHENTICATE OAUTHBEARER %s
                    S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NoZW1lcyI6ImJlYXJlciIsInNjb3BlIjoiZW1haWwifQ==
                    C: AQ==
                    S: a1 NO [AUTHENTICATIONFAILED] Authentication failed.
                    C: a2 AUTHENTICATE OAUTHBEARER %s
                    S: a2 OK [CAPABILITY <*>] Logged in
                    """.formatted(b64("n,a=alice,\u0001auth=Bearer " + token("alice", exp - 1200) + "\u0001\u0001"),
                        b64("n,a=alice,\u0001host=localhost\u0001auth=Bearer " + token("alice", exp) + "\u0001\u0001")));
            }
            try (Transcript t = server.connect()) {
                t.run("""
                    S: * OK <*>
                    C: b1 AUTHENTICATE XOAUTH2
                    S: +\040
                    C: %s
                    S: b1 OK [CAPABILITY <*>] Logged in
                    C: b2 LOGIN alice pw
                    S: b2 BAD Already authenticated.
                    """.formatted(b64("user=bob\u0001auth=Bearer " + token("bob", exp) + "\u0001\u0001")));
            }
            try (Transcript t = server.connect()) {
                // A token is not a password, and a password is not a token.
                t.run("""
                    S: * OK <*>
                    C: c1 LOGIN alice %s
                    S: c1 NO [AUTHENTICATIONFAILED] Authentication failed.
                    C: c2 AUTHENTICATE XOAUTH2 %s
                    S: + <*>
                    C: AQ==
                    S: c2 NO [AUTHENTICATIONFAILED] Authentication failed.
                    C: c3 LOGIN alice pw
                    S: c3 OK <*>
                    """.formatted(token("alice", exp), b64("user=alice\u0001auth=Bearer pw\u0001\u0001")));
            }
        }
    }
}
