package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.auth.oauth2.TestTokens.CLOCK;
import static org.loftmail.auth.oauth2.TestTokens.NOW;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

/**
 * introspection_mode = auth, get and post, and tokeninfo_url, against a real HTTP(S) server on
 * loopback: how the token travels, and what each kind of answer does to the login.
 */
class HttpIntrospectionTest {
    /** Has the characters that must be percent-encoded in a URL or form: + / = */
    private static final String TOKEN = "ya29.a0Af+Hx/7-_~kq==";
    private static final String ENCODED = "ya29.a0Af%2BHx%2F7-_~kq%3D%3D";
    private static final UserId ALICE = new UserId("alice@example.org");

    @TempDir
    Path dir;
    private FakeIdp idp;
    private final List<FakeIdp> others = new ArrayList<>();

    @BeforeEach
    void start() {
        idp = FakeIdp.http();
    }

    @AfterEach
    void stop() {
        idp.close();
        others.forEach(FakeIdp::close);
    }

    private OAuth2Authenticator auth(String... lines) {
        try {
            Path f = dir.resolve("dovecot-oauth2.conf.ext");
            Files.writeString(f, String.join("\n", lines) + "\n");
            return new OAuth2Authenticator(OAuth2Settings.parse(f), CLOCK);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static AuthResult login(OAuth2Authenticator a, String user, String token) {
        return a.authenticate(new AuthRequest(user, token, "imap", null, true));
    }

    /** A user-info or introspection answer for {@code email}, valid for 10 more minutes. */
    private static String answer(String email, String extra) {
        return "{\"email\":\"" + email + "\",\"exp\":" + (NOW + 600) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String failure(AuthResult r) {
        AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, r);
        assertFalse(f.reason().contains(TOKEN) || f.reason().contains(ENCODED), "the token must never be logged");
        return f.reason();
    }

    private static String unavailable(AuthResult r) {
        AuthResult.Unavailable u = assertInstanceOf(AuthResult.Unavailable.class, r);
        assertFalse(u.reason().contains(TOKEN) || u.reason().contains(ENCODED), "the token must never be logged");
        return u.reason();
    }

    private static void assertMentions(String reason, String part) {
        assertTrue(reason.contains(part), () -> "'" + reason + "' should mention '" + part + "'");
    }

    @Test
    void authModeSendsTheTokenAsABearerHeader() {
        idp.answer("/me", 200, answer("Alice@Example.org", ""));
        OAuth2Authenticator a = auth("introspection_mode = auth", "introspection_url = " + idp.base() + "/me");
        assertEquals(new AuthResult.Success(ALICE), login(a, "alice@example.org", TOKEN));
        FakeIdp.Seen s = idp.only();
        assertEquals("GET", s.method());
        assertEquals("Bearer " + TOKEN, s.authorization());
        assertNull(s.query());
    }

    @Test
    void authIsDovecotsDefaultMode() {
        idp.answer("/me", 200, answer("alice@example.org", ""));
        assertEquals(new AuthResult.Success(ALICE), login(auth("introspection_url = " + idp.base() + "/me"), "", TOKEN));
        assertEquals("Bearer " + TOKEN, idp.only().authorization());
    }

    @Test
    void getModeAppendsTheEncodedTokenAndClientCredentials() {
        idp.answer("/introspect", 200, answer("alice@example.org", ""));
        OAuth2Authenticator a = auth("introspection_mode = get",
                "introspection_url = " + idp.base() + "/introspect?access_token=",
                "client_id = loft", "client_secret = s&cret");
        assertEquals(new AuthResult.Success(ALICE), login(a, "", TOKEN));
        FakeIdp.Seen s = idp.only();
        assertEquals("GET", s.method());
        assertEquals("access_token=" + ENCODED + "&client_id=loft&client_secret=s%26cret", s.query());
        assertNull(s.authorization(), "get mode sends no Authorization header");
    }

    @Test
    void postModeSendsAnRfc7662FormWithBasicCredentialsFromTheUrl() {
        idp.answer("/oauth2/introspect", 200, "{\"active\":true,\"username\":\"alice@example.org\",\"exp\":"
                + (NOW + 60) + "}");
        OAuth2Authenticator a = auth("introspection_mode = post",
                "introspection_url = " + idp.base().replace("://", "://loft-imap:p%40ss:w@") + "/oauth2/introspect",
                "username_attribute = username");
        assertEquals(new AuthResult.Success(ALICE), login(a, "alice@example.org", TOKEN));
        FakeIdp.Seen s = idp.only();
        assertEquals("POST", s.method());
        assertEquals("application/x-www-form-urlencoded", s.contentType());
        assertEquals("token=" + ENCODED, s.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("loft-imap:p@ss:w".getBytes(StandardCharsets.UTF_8)),
                s.authorization());
    }

    @Test
    void tokeninfoAloneIsTheCheck() {
        idp.answer("/tokeninfo", 200, answer("alice@example.org", "\"scope\":\"openid email https://mail.google.com/\""));
        OAuth2Authenticator a = auth("tokeninfo_url = " + idp.base() + "/tokeninfo?access_token=",
                "scope = https://mail.google.com/");
        assertEquals(new AuthResult.Success(ALICE), login(a, "", TOKEN));
        assertEquals("access_token=" + ENCODED, idp.only().query());
    }

    @Test
    void introspectionFollowsTokeninfoOnlyWhenTheUserIsMissingOrForced() {
        // Google's example: tokeninfo has no email without the email scope, userinfo does.
        idp.answer("/tokeninfo", 200, "{\"azp\":\"thunderbird\",\"exp\":" + (NOW + 600) + "}");
        idp.answer("/userinfo", 200, "{\"email\":\"alice@example.org\"}");
        String tokeninfo = "tokeninfo_url = " + idp.base() + "/tokeninfo?access_token=";
        String userinfo = "introspection_url = " + idp.base() + "/userinfo";
        assertEquals(new AuthResult.Success(ALICE), login(auth(tokeninfo, userinfo), "", TOKEN));
        assertEquals(List.of("/tokeninfo", "/userinfo"), idp.seen.stream().map(FakeIdp.Seen::path).toList());
        assertEquals("Bearer " + TOKEN, idp.seen.get(1).authorization());

        idp.seen.clear();
        idp.answer("/tokeninfo", 200, answer("alice@example.org", ""));
        assertEquals(new AuthResult.Success(ALICE), login(auth(tokeninfo, userinfo), "", TOKEN));
        assertEquals(List.of("/tokeninfo"), idp.seen.stream().map(FakeIdp.Seen::path).toList());

        idp.seen.clear();
        idp.answer("/userinfo", 200, "{\"email\":\"bob@example.org\"}");
        // The introspection answer wins over tokeninfo's.
        assertMentions(failure(login(auth(tokeninfo, userinfo, "force_introspection = yes"), "alice@example.org",
                TOKEN)), "does not match");
        assertEquals(2, idp.seen.size());
    }

    @Test
    void anInactiveTokenFails() {
        idp.answer("/introspect", 200, "{\"active\":false}");
        OAuth2Authenticator post = auth("introspection_mode = post", "introspection_url = " + idp.base() + "/introspect");
        assertMentions(failure(login(post, "", TOKEN)), "token is not active");
        // Dovecot's active_attribute/active_value on a user-info answer.
        idp.answer("/me", 200, answer("alice@example.org", "\"accountEnabled\":false"));
        OAuth2Authenticator me = auth("introspection_url = " + idp.base() + "/me",
                "active_attribute = accountEnabled", "active_value = true");
        assertMentions(failure(login(me, "", TOKEN)), "account is not active");
    }

    @Test
    void theAnswersUserMustBeTheNamedUser() {
        idp.answer("/me", 200, answer("alice@example.org", ""));
        OAuth2Authenticator a = auth("introspection_url = " + idp.base() + "/me");
        assertMentions(failure(login(a, "bob@example.org", TOKEN)), "user bob@example.org does not match");
        idp.answer("/me", 200, "{\"name\":\"Alice\"}");
        assertMentions(failure(login(a, "", TOKEN)), "no email string claim");
    }

    @Test
    void anExpiredAnswerFails() {
        idp.answer("/me", 200, "{\"email\":\"alice@example.org\",\"exp\":" + (NOW - 3600) + "}");
        assertMentions(failure(login(auth("introspection_url = " + idp.base() + "/me"), "", TOKEN)), "expired 3600 s ago");
    }

    @Test
    void issuersAndClientIdApplyWhenTheAnswerSaysThem() {
        String url = "introspection_url = " + idp.base() + "/me";
        OAuth2Authenticator a = auth(url, "issuers = https://sso.example.org", "client_id = loft");
        idp.answer("/me", 200, answer("alice@example.org", "\"iss\":\"https://evil.example\""));
        assertMentions(failure(login(a, "", TOKEN)), "issuer https://evil.example is not allowed");
        idp.answer("/me", 200, answer("alice@example.org", "\"iss\":\"https://sso.example.org\",\"aud\":[\"web\"]"));
        assertMentions(failure(login(a, "", TOKEN)), "client_id loft");
        idp.answer("/me", 200, answer("alice@example.org", "\"iss\":\"https://sso.example.org\",\"client_id\":\"loft\""));
        assertEquals(new AuthResult.Success(ALICE), login(a, "", TOKEN));
        // A user-info answer says neither: nothing to check.
        idp.answer("/me", 200, answer("alice@example.org", ""));
        assertEquals(new AuthResult.Success(ALICE), login(a, "", TOKEN));
    }

    @Test
    void aRejectedTokenFailsInAuthAndGetMode() {
        idp.answer("/me", 401, "");
        assertMentions(failure(login(auth("introspection_url = " + idp.base() + "/me"), "", TOKEN)),
                "rejected the token with HTTP 401");
        // Google's tokeninfo answers 400 for a bad token.
        idp.answer("/tokeninfo", 400, "{\"error\":\"invalid_token\",\"error_description\":\"Invalid Value\"}");
        assertMentions(failure(login(auth("tokeninfo_url = " + idp.base() + "/tokeninfo?access_token="), "", TOKEN)),
                "rejected the token with HTTP 400: Invalid Value");
        idp.answer("/introspect", 403, "");
        assertMentions(failure(login(auth("introspection_mode = get", "introspection_url = " + idp.base()
                + "/introspect?token="), "", TOKEN)), "HTTP 403");
        idp.answer("/me", 200, "{\"error\":\"invalid_token\"}");
        assertMentions(failure(login(auth("introspection_url = " + idp.base() + "/me"), "", TOKEN)),
                "rejected the token: invalid_token");
    }

    @Test
    void postModeRejectingOurCredentialsIsUnavailable() {
        idp.answer("/introspect", 401, "{\"error\":\"invalid_client\"}");
        OAuth2Authenticator a = auth("introspection_mode = post",
                "introspection_url = " + idp.base().replace("://", "://loft:wrong@") + "/introspect");
        String reason = unavailable(login(a, "", TOKEN));
        assertMentions(reason, "refused Loft's request with HTTP 401");
        assertMentions(reason, "client credentials");
        assertFalse(reason.contains("wrong"), "the client secret is not logged");
    }

    @Test
    void serverTroubleIsUnavailableNotAWrongToken() {
        OAuth2Authenticator a = auth("introspection_url = " + idp.base() + "/me");
        idp.answer("/me", 500, "<html>oops</html>");
        assertMentions(unavailable(login(a, "", TOKEN)), "answered HTTP 500");
        idp.answer("/me", 404, "");
        assertMentions(unavailable(login(a, "", TOKEN)), "answered HTTP 404");
        idp.answer("/me", 200, "<html>login page</html>");
        assertMentions(unavailable(login(a, "", TOKEN)), "not a JSON object");
        idp.answer("/me", 200, "{\"email\":\"a@example.org\",\"pad\":\"" + "x".repeat(HttpIntrospector.MAX_ANSWER) + "\"}");
        assertMentions(unavailable(login(a, "", TOKEN)), "longer than");
        // Redirects are not followed: the token would go to whatever host the answer names.
        idp.redirect("/me", idp.base() + "/elsewhere");
        assertMentions(unavailable(login(a, "", TOKEN)), "answered HTTP 302");
        assertEquals(List.of("/me"), idp.seen.stream().map(FakeIdp.Seen::path).distinct().toList());
    }

    @Test
    void aServerThatIsDownIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OAuth2Authenticator a = auth("introspection_mode = get",
                "introspection_url = http://127.0.0.1:" + port + "/introspect?token=");
        long start = System.nanoTime();
        assertMentions(unavailable(login(a, "", TOKEN)), "cannot connect");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a refused connection is not waited for");
    }

    @Test
    void aSlowServerIsUnavailableAtTheDeadline() {
        idp.slow("/me", 5_000, answer("alice@example.org", ""));
        OAuth2Authenticator a = auth("introspection_url = " + idp.base() + "/me", "timeout_msecs = 300");
        long start = System.nanoTime();
        assertMentions(unavailable(login(a, "", TOKEN)), "no answer within 300 ms");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 250 && ms < 2_000, "gave up after " + ms + " ms");
    }

    @Test
    void aTokenThatIsNoBearerTokenIsNotSent() {
        OAuth2Authenticator a = auth("introspection_url = " + idp.base() + "/me");
        assertMentions(failure(login(a, "", "abc\r\nX-Evil: 1")), "not an RFC 6750 bearer token");
        assertEquals(new AuthResult.Failure("oauth2: no token"), login(a, "", ""));
        assertTrue(idp.seen.isEmpty());
    }

    /** An https server with {@code cert} that answers /me for alice. */
    private FakeIdp https(TestTls.Cert cert) {
        FakeIdp tls = FakeIdp.https(cert.serverContext());
        others.add(tls);
        return tls.answer("/me", 200, answer("alice@example.org", ""));
    }

    @Test
    void httpsTrustsTlsCaCertFile() {
        TestTls.Cert cert = TestTls.selfSigned(dir, "idp", "ip:127.0.0.1,dns:localhost");
        FakeIdp tls = https(cert);
        String url = "introspection_url = " + tls.base() + "/me";
        assertEquals(new AuthResult.Success(ALICE), login(auth(url, "tls_ca_cert_file = " + cert.pem()), "", TOKEN));
        assertEquals("Bearer " + TOKEN, tls.only().authorization());
        // Without it the JDK's trust store does not know a self-signed certificate.
        assertMentions(unavailable(login(auth(url), "", TOKEN)), "TLS failed");
        // Another CA than the server's is no better.
        TestTls.Cert other = TestTls.selfSigned(dir, "other", "ip:127.0.0.1");
        assertMentions(unavailable(login(auth(url, "tls_ca_cert_file = " + other.pem()), "", TOKEN)), "TLS failed");
    }

    @Test
    void httpsChecksTheHostNameUnlessInvalidCertsAreAllowed() {
        TestTls.Cert cert = TestTls.selfSigned(dir, "elsewhere", "dns:idp.elsewhere.example");
        String url = "introspection_url = " + https(cert).base() + "/me";
        // Trusted, but for another host.
        assertMentions(unavailable(login(auth(url, "tls_ca_cert_file = " + cert.pem()), "", TOKEN)), "TLS failed");
        assertEquals(new AuthResult.Success(ALICE), login(auth(url, "tls_allow_invalid_cert = yes"), "", TOKEN));
    }
}
