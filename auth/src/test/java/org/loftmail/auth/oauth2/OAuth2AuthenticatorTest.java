package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.auth.oauth2.TestTokens.CLOCK;
import static org.loftmail.auth.oauth2.TestTokens.NOW;
import static org.loftmail.auth.oauth2.TestTokens.claims;
import static org.loftmail.auth.oauth2.TestTokens.header;
import static org.loftmail.auth.oauth2.TestTokens.hmac;
import static org.loftmail.auth.oauth2.TestTokens.writeKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

class OAuth2AuthenticatorTest {
    private static final byte[] SECRET = TestTokens.secret(32);

    @TempDir
    Path keys;
    private OAuth2Authenticator auth;

    @BeforeEach
    void setUp() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        auth = new OAuth2Authenticator(OAuth2Settings.local(keys), CLOCK);
    }

    private static String token(String claims) {
        return hmac("HS256", SECRET, header("HS256", null), claims);
    }

    private static AuthResult login(OAuth2Authenticator a, String user, String token) {
        return a.authenticate(new AuthRequest(user, token, "imap", null, true));
    }

    private static String failure(AuthResult r, String token) {
        AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, r);
        assertFalse(f.reason().contains(token.substring(token.lastIndexOf('.') + 1)), "the token must never be logged");
        return f.reason();
    }

    @Test
    void theUserIsTheUsernameClaim() {
        String t = token(claims("alice@example.org", ""));
        assertEquals(new AuthResult.Success(new UserId("alice@example.org")), login(auth, "", t));
        assertEquals(new AuthResult.Success(new UserId("alice@example.org")), login(auth, "alice@example.org", t));
        assertEquals(new AuthResult.Success(new UserId("alice@example.org")), login(auth, null, t));
    }

    @Test
    void aNamedUserMustBeTheTokensUser() {
        String t = token(claims("alice@example.org", ""));
        assertTrue(failure(login(auth, "bob@example.org", t), t).contains("user bob@example.org does not match"));
    }

    @Test
    void usernameFormatLowercasesByDefaultAsDovecotDoes() {
        String t = token(claims("Alice@Example.ORG", ""));
        // %Lu (Dovecot's default): both sides lowercased, the mail user is the lowercased name.
        assertEquals(new AuthResult.Success(new UserId("alice@example.org")), login(auth, "ALICE@example.org", t));
        assertEquals(new AuthResult.Success(new UserId("alice@example.org")), login(auth, "", t));
        // %u: exact, case-sensitive.
        OAuth2Authenticator exact = new OAuth2Authenticator(
                new OAuth2Settings(new Introspection.Local(keys), "email", false, List.of(), "", "", "", List.of()), CLOCK);
        assertEquals(new AuthResult.Success(new UserId("Alice@Example.ORG")), login(exact, "Alice@Example.ORG", t));
        assertTrue(failure(login(exact, "alice@example.org", t), t).contains("does not match"));
    }

    @Test
    void anotherUsernameAttribute() {
        OAuth2Authenticator a = new OAuth2Authenticator(
                new OAuth2Settings(new Introspection.Local(keys), "preferred_username", true, List.of(), "", "", "", List.of()), CLOCK);
        assertEquals(new AuthResult.Success(new UserId("carol")),
                login(a, "", token(claims("c@example.org", "\"preferred_username\":\"carol\""))));
        String t = token(claims("c@example.org", ""));
        assertTrue(failure(login(a, "", t), t).contains("no preferred_username string claim"));
        String n = token(claims("c@example.org", "\"preferred_username\":42"));
        assertTrue(failure(login(a, "", n), n).contains("no preferred_username string claim"));
    }

    @Test
    void badTokensFailWithAReasonButNotTheToken() {
        String expired = token("{\"sub\":\"s\",\"email\":\"a@example.org\",\"exp\":" + (NOW - 3600) + "}");
        assertTrue(failure(login(auth, "", expired), expired).contains("expired"));
        String unknownKey = hmac("HS256", SECRET, header("HS256", "nokey"), claims("a@example.org", ""));
        assertTrue(failure(login(auth, "", unknownKey), unknownKey).contains("no key"));
        String wrong = hmac("HS256", TestTokens.secret(32), header("HS256", null), claims("a@example.org", ""));
        assertTrue(failure(login(auth, "", wrong), wrong).startsWith("oauth2: bad HS256 signature"));
        assertTrue(failure(login(auth, "", "password123"), "x.password123").contains("not a signed JWT"));
        assertEquals(new AuthResult.Failure("oauth2: no token"), login(auth, "a", ""));
        String dotUser = token(claims(".hidden", ""));
        assertTrue(failure(login(auth, "", dotUser), dotUser).contains("invalid user name"));
    }

    @Test
    void anUnreadableKeyFileIsUnavailable() throws Exception {
        // A directory where the key file should be cannot be read, even by root (tests may run as root).
        Files.createDirectories(keys.resolve("default/HS256/broken"));
        String t = hmac("HS256", SECRET, header("HS256", "broken"), claims("a@example.org", ""));
        AuthResult.Unavailable u = assertInstanceOf(AuthResult.Unavailable.class, login(auth, "", t));
        assertTrue(u.reason().contains("not a regular file"), u.reason());
    }
}
