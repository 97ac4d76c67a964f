package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.auth.oauth2.TestTokens.CLOCK;
import static org.loftmail.auth.oauth2.TestTokens.NOW;
import static org.loftmail.auth.oauth2.TestTokens.b64;
import static org.loftmail.auth.oauth2.TestTokens.claims;
import static org.loftmail.auth.oauth2.TestTokens.header;
import static org.loftmail.auth.oauth2.TestTokens.hmac;
import static org.loftmail.auth.oauth2.TestTokens.pem;
import static org.loftmail.auth.oauth2.TestTokens.sign;
import static org.loftmail.auth.oauth2.TestTokens.writeKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtValidatorTest {
    private static KeyPair rsa;
    private static KeyPair otherRsa;
    private static final byte[] SECRET = TestTokens.secret(64);
    private static final String ALICE = claims("alice@example.org", "");

    @TempDir
    Path keys;
    private JwtValidator validator;

    @BeforeAll
    static void rsaKeys() {
        rsa = TestTokens.rsa(2048);
        otherRsa = TestTokens.rsa(2048);
    }

    @BeforeEach
    void defaultValidator() {
        validator = new JwtValidator(OAuth2Settings.local(keys), CLOCK);
    }

    private String invalid(String token) {
        return assertThrows(InvalidTokenException.class, () -> validator.validate(token)).getMessage();
    }

    private static void assertMentions(String message, String expected) {
        assertTrue(message.contains(expected), () -> "'" + message + "' should mention '" + expected + "'");
    }

    private static String curve(String alg) {
        return alg.equals("ES256") ? "secp256r1" : alg.equals("ES384") ? "secp384r1" : "secp521r1";
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void rsaTokensWithAndWithoutKidAndAzp(String alg) {
        writeKey(keys, "default", alg, "default", pem(rsa.getPublic()));
        writeKey(keys, "roundcube", alg, "key-2027", pem(rsa.getPublic()));

        assertEquals("alice@example.org", validator.validate(sign(alg, rsa.getPrivate(), header(alg, null), ALICE)).get("email"));
        String withBoth = sign(alg, rsa.getPrivate(), header(alg, "key-2027"), claims("bob@example.org", "\"azp\":\"roundcube\""));
        assertEquals("bob@example.org", validator.validate(withBoth).get("email"));
        assertMentions(invalid(sign(alg, otherRsa.getPrivate(), header(alg, null), ALICE)), "bad " + alg + " signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void ecTokensOnTheirCurves(String alg) {
        KeyPair ec = TestTokens.ec(curve(alg));
        writeKey(keys, "default", alg, "default", pem(ec.getPublic()));
        writeKey(keys, "default", alg, "k1", pem(ec.getPublic()));

        assertEquals("u-1234", validator.validate(sign(alg, ec.getPrivate(), header(alg, null), ALICE)).get("sub"));
        assertEquals("u-1234", validator.validate(sign(alg, ec.getPrivate(), header(alg, "k1"), ALICE)).get("sub"));
        KeyPair other = TestTokens.ec(curve(alg));
        assertMentions(invalid(sign(alg, other.getPrivate(), header(alg, null), ALICE)), "bad " + alg + " signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacTokens(String alg) {
        writeKey(keys, "default", alg, "default", TestTokens.base64Secret(SECRET));
        writeKey(keys, "mail-client", alg, "s1", TestTokens.base64Secret(SECRET));

        assertEquals("alice@example.org", validator.validate(hmac(alg, SECRET, header(alg, null), ALICE)).get("email"));
        assertEquals("alice@example.org", validator.validate(
                hmac(alg, SECRET, header(alg, "s1"), claims("alice@example.org", "\"azp\":\"mail-client\""))).get("email"));
        assertMentions(invalid(hmac(alg, TestTokens.secret(64), header(alg, null), ALICE)), "bad " + alg + " signature");
    }

    @Test
    void aChangedPayloadBreaksTheSignature() {
        writeKey(keys, "default", "RS256", "default", pem(rsa.getPublic()));
        String token = sign("RS256", rsa.getPrivate(), header("RS256", null), ALICE);
        String[] p = token.split("\\.");
        String forged = p[0] + "." + b64(claims("mallory@example.org", "")) + "." + p[2];
        assertMentions(invalid(forged), "bad RS256 signature");
        String flipped = p[0] + "." + p[1] + "." + (p[2].charAt(0) == 'A' ? 'B' : 'A') + p[2].substring(1);
        assertMentions(invalid(flipped), "bad RS256 signature");
    }

    @Test
    void timeClaimsWithSixtySecondsOfSkew() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        String h = header("HS256", null);
        String base = "\"sub\":\"s\",\"email\":\"a@example.org\"";

        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":" + (NOW - 61) + "}")), "expired 61 s ago");
        validator.validate(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":" + (NOW - 59) + "}"));
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + "}")), "no exp");
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":\"" + (NOW + 60) + "\"}")), "exp is not a number");
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":-5}")), "out of range");
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":1e39}")), "out of range");
        // A fraction of a second is allowed (NumericDate may be non-integer).
        validator.validate(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":" + (NOW + 100) + ".5}"));

        String later = ",\"exp\":" + (NOW + 3600);
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + later + ",\"nbf\":" + (NOW + 61) + "}")), "not valid for another 61 s");
        validator.validate(hmac("HS256", SECRET, h, "{" + base + later + ",\"nbf\":" + (NOW + 59) + "}"));
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + later + ",\"iat\":" + (NOW + 3000) + "}")), "in the future");
        validator.validate(hmac("HS256", SECRET, h, "{" + base + later + ",\"iat\":" + (NOW + 30) + "}"));
        assertMentions(invalid(hmac("HS256", SECRET, h, "{" + base + ",\"exp\":" + (NOW + 10) + ",\"nbf\":" + (NOW + 20) + "}")),
                "before its nbf");
    }

    @Test
    void issuersWhenConfigured() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        validator = new JwtValidator(new OAuth2Settings(new Introspection.Local(keys), "email", true,
                List.of("https://other.example", "https://idp.example.org"), "", "", "", List.of()), CLOCK);
        String h = header("HS256", null);

        validator.validate(hmac("HS256", SECRET, h, ALICE));
        assertMentions(invalid(hmac("HS256", SECRET, h, ALICE.replace("https://idp.example.org", "https://evil.example"))),
                "issuer https://evil.example is not allowed");
        assertMentions(invalid(hmac("HS256", SECRET, h, ALICE.replace("\"iss\":\"https://idp.example.org\",", ""))), "no iss");
    }

    @Test
    void subIsRequiredAsDovecotRequiresIt() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), ALICE.replace("\"sub\":\"u-1234\",", ""))), "no sub");
    }

    @Test
    void audienceAndScopeWhenConfigured() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        validator = new JwtValidator(new OAuth2Settings(new Introspection.Local(keys), "email", true, List.of(), "", "", "loft-imap",
                List.of("email", "IMAP")), CLOCK);
        String h = header("HS256", null);

        validator.validate(hmac("HS256", SECRET, h, claims("a@example.org", "\"aud\":\"loft-imap\",\"scope\":\"openid imap email\"")));
        validator.validate(hmac("HS256", SECRET, h, claims("a@example.org", "\"aud\":[\"x\",\"loft-imap\"],\"scope\":\"email,imap\"")));
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"scope\":\"email imap\""))), "client_id");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"aud\":\"web\",\"scope\":\"email imap\""))), "client_id");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"aud\":\"loft-imap\",\"scope\":\"email\""))), "lacks IMAP");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"aud\":\"loft-imap\""))), "no scope");
    }

    @Test
    void activeAttribute() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        String h = header("HS256", null);
        validator = new JwtValidator(new OAuth2Settings(new Introspection.Local(keys), "email", true, List.of(), "active", "true", "", List.of()), CLOCK);
        validator.validate(hmac("HS256", SECRET, h, claims("a@example.org", "\"active\":true")));
        validator.validate(hmac("HS256", SECRET, h, claims("a@example.org", "\"active\":\"true\"")));
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"active\":false"))), "not active");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"active\":[true]"))), "not active");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", ""))), "no active");

        // active_value empty: present with any value.
        validator = new JwtValidator(new OAuth2Settings(new Introspection.Local(keys), "email", true, List.of(), "enabled", "", "", List.of()), CLOCK);
        validator.validate(hmac("HS256", SECRET, h, claims("a@example.org", "\"enabled\":1")));
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"enabled\":null"))), "no enabled");
    }

    @Test
    void algNoneIsRefusedInAnySpelling() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        for (String none : new String[] {"none", "None", "NONE"}) {
            String token = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + b64(ALICE) + ".";
            assertMentions(invalid(token), "alg none");
        }
    }

    @Test
    void theKeyConfusionAttackFails() {
        // The attacker knows the RS256 public key and uses its PEM text as an HS256 secret.
        String publicPem = pem(rsa.getPublic());
        writeKey(keys, "default", "RS256", "default", publicPem);
        writeKey(keys, "default", "HS256", "default", publicPem);
        String forged = hmac("HS256", publicPem.getBytes(StandardCharsets.US_ASCII), header("HS256", null), ALICE);
        assertMentions(invalid(forged), "holds a PEM key, but HS256 needs a base64 HMAC secret");
    }

    @Test
    void keysOfTheWrongKindAreRefused() {
        writeKey(keys, "default", "RS256", "default", TestTokens.base64Secret(SECRET));
        assertMentions(invalid(sign("RS256", rsa.getPrivate(), header("RS256", null), ALICE)), "is not a PEM");

        KeyPair p256 = TestTokens.ec("secp256r1");
        writeKey(keys, "default", "RS384", "default", pem(p256.getPublic()));
        assertMentions(invalid(sign("RS384", rsa.getPrivate(), header("RS384", null), ALICE)), "RS384 needs an RSA public key");

        writeKey(keys, "default", "ES256", "default", pem(rsa.getPublic()));
        assertMentions(invalid(sign("ES256", p256.getPrivate(), header("ES256", null), ALICE)), "ES256 needs an EC public key");

        KeyPair p384 = TestTokens.ec("secp384r1");
        writeKey(keys, "default", "ES256", "p384", pem(p384.getPublic()));
        assertMentions(invalid(sign("ES256", p256.getPrivate(), header("ES256", "p384"), ALICE)), "needs a P-256 key");

        KeyPair small = TestTokens.rsa(1024);
        writeKey(keys, "default", "RS256", "small", pem(small.getPublic()));
        assertMentions(invalid(sign("RS256", small.getPrivate(), header("RS256", "small"), ALICE)), "at least 2048 bits");

        byte[] shortSecret = TestTokens.secret(16);
        writeKey(keys, "default", "HS256", "short", TestTokens.base64Secret(shortSecret));
        assertMentions(invalid(hmac("HS256", shortSecret, header("HS256", "short"), ALICE)), "at least 32 bytes");
    }

    @Test
    void kidAndAzpCannotLeaveTheKeyDirectory() throws Exception {
        // A valid secret just outside where each traversal would land: only the refusal stops it.
        Path root = keys.resolve("keys");
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        Files.writeString(keys.resolve("evil"), TestTokens.base64Secret(SECRET));
        validator = new JwtValidator(OAuth2Settings.local(root), CLOCK);

        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "../../../default/HS256/default"), ALICE)),
                "refused kid");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "../../../evil"), ALICE)), "refused kid");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", ".."), ALICE)), "refused kid");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", ".hidden"), ALICE)), "refused kid");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "x\\u0000y"), ALICE)), "control character");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "x\\\\y"), ALICE)), "backslash");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "k".repeat(300)), ALICE)), "too long");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), claims("a@example.org", "\"azp\":\"../..\""))),
                "refused azp");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), claims("a@example.org", "\"azp\":\"..\""))),
                "refused azp");
    }

    @Test
    void slashAndPercentAreEscapedAsDovecotEscapesThem() {
        writeKey(keys, "https:%2f%2fapp.example", "HS256", "a%2fb%25c", TestTokens.base64Secret(SECRET));
        String token = hmac("HS256", SECRET, header("HS256", "a/b%c"), claims("a@example.org", "\"azp\":\"https://app.example\""));
        assertEquals("a@example.org", validator.validate(token).get("email"));
    }

    @Test
    void aMissingKeyIsAnInvalidToken() throws Exception {
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", "k9"), ALICE)), "no key for azp=(none) alg=HS256 kid=k9");
        writeKey(keys, "default", "HS256", "default", "not base64!\n");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), ALICE)), "not valid base64");
        // A file where the azp directory would be: still just "no key", not a disk error.
        Files.writeString(keys.resolve("plainfile"), "x");
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), claims("a@example.org", "\"azp\":\"plainfile\""))),
                "no key");
    }

    @Test
    void malformedTokens() {
        writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        String h = header("HS256", null);
        String good = hmac("HS256", SECRET, h, ALICE);
        String[] p = good.split("\\.");

        assertMentions(invalid(""), "no token");
        assertMentions(invalid("abc"), "not a signed JWT");
        assertMentions(invalid(p[0] + "." + p[1]), "not a signed JWT");
        assertMentions(invalid(good + ".x.y"), "not a signed JWT");
        assertMentions(invalid(p[0] + "=." + p[1] + "." + p[2]), "not base64url");
        assertMentions(invalid(p[0].replace('-', '+') + "x+/." + p[1] + "." + p[2]), "not base64url");
        assertMentions(invalid("A." + p[1] + "." + p[2]), "not base64url");
        assertMentions(invalid(p[0] + "." + p[1] + "." + p[2] + "="), "not base64url");
        assertMentions(invalid("x".repeat(JwtValidator.MAX_TOKEN_LENGTH + 1)), "longer than");

        assertMentions(invalid(hmac("HS256", SECRET, "[\"HS256\"]", ALICE)), "malformed JSON in the header");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS256\"} x", ALICE)), "trailing");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS256\",\"alg\":\"none\"}", ALICE)), "duplicate key");
        assertMentions(invalid(hmac("HS256", SECRET, h, ALICE + "}")), "malformed JSON in the payload");
        assertMentions(invalid(hmac("HS256", SECRET, h, "{\"sub\":\"a\",\"sub\":\"b\",\"exp\":" + (NOW + 60) + "}")), "duplicate key");
        assertMentions(invalid(hmac("HS256", SECRET, h, "{\"a\":[[[[[[[[1]]]]]]]]}")), "nested deeper");
        assertMentions(invalid(b64("{\"alg\":\"HS256\"") + "." + p[1] + "." + p[2]), "malformed JSON");
        assertMentions(invalid(b64(new byte[] {'{', '"', (byte) 0xc3, '"', '}'}) + "." + p[1] + "." + p[2]), "not UTF-8");

        assertMentions(invalid(hmac("HS256", SECRET, "{\"typ\":\"JWT\"}", ALICE)), "no alg");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS1\"}", ALICE)), "unsupported alg HS1");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"hs256\"}", ALICE)), "unsupported alg");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}", ALICE)), "crit");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS256\",\"kid\":\"\"}", ALICE)), "kid is empty");
        assertMentions(invalid(hmac("HS256", SECRET, "{\"alg\":\"HS256\",\"kid\":7}", ALICE)), "kid is not a string");
        assertMentions(invalid(hmac("HS256", SECRET, h, claims("a@example.org", "\"azp\":{}"))), "azp is not a string");
    }

    @Test
    void keysAreReReadWhenTheirFileChanges() throws Exception {
        Path file = writeKey(keys, "default", "HS256", "default", TestTokens.base64Secret(SECRET));
        validator.validate(hmac("HS256", SECRET, header("HS256", null), ALICE));
        byte[] rotated = TestTokens.secret(48);
        Files.writeString(file, TestTokens.base64Secret(rotated));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Map<String, Object> claims = validator.validate(hmac("HS256", rotated, header("HS256", null), ALICE));
        assertEquals("alice@example.org", claims.get("email"));
        assertMentions(invalid(hmac("HS256", SECRET, header("HS256", null), ALICE)), "bad HS256 signature");
    }
}
