package org.loftmail.auth.oauth2;

import static org.loftmail.auth.oauth2.ClaimChecks.numericDate;
import static org.loftmail.auth.oauth2.ClaimChecks.optionalString;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Validates a JWS-signed JWT (RFC 7519, RFC 7515 compact form) against the local key directory,
 * as Dovecot's {@code introspection_mode = local} does: signature first, with the key the token's
 * {@code azp}, {@code alg} and {@code kid} name; then {@code exp} (required), {@code nbf},
 * {@code iat}, {@code sub} (required, as Dovecot), {@code iss}, {@code aud}, {@code scope} and the
 * active attribute. Time checks allow {@link #CLOCK_SKEW} either way, because the issuer's clock
 * and ours are never quite the same. Thread-safe.
 */
public final class JwtValidator {
    /** How far the issuer's clock may be from ours. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Real access tokens are 1–4 KB; a bound keeps decoding and parsing cheap. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final ClaimChecks checks;
    private final KeyDirectory keys;
    private final Clock clock;

    /** Throws {@link IllegalArgumentException} unless {@code settings} are for local keys. */
    public JwtValidator(OAuth2Settings settings, Clock clock) {
        if (!(settings.introspection() instanceof Introspection.Local)) {
            throw new IllegalArgumentException("JWTs are validated with local keys, not with "
                    + settings.introspection());
        }
        this.checks = new ClaimChecks(settings);
        this.keys = new KeyDirectory(((Introspection.Local) settings.introspection()).keyDirectory());
        this.clock = clock;
    }

    /**
     * The claims of {@code token} if it is valid. Throws {@link InvalidTokenException} if it is
     * not (or no key for it exists), {@link UncheckedIOException} if its key file cannot be read.
     */
    public Map<String, Object> validate(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            throw new InvalidTokenException("not a signed JWT (header.payload.signature)");
        }
        Map<String, Object> header = json("header", token.substring(0, dot1));
        JwsAlgorithm alg = algorithm(header);
        if (header.containsKey("crit")) {
            // RFC 7515 section 4.1.11: extensions we do not understand must fail the token.
            throw new InvalidTokenException("header has 'crit' extensions, none of which are supported");
        }
        String kid = optionalString(header, "kid", "header");
        if (kid != null && kid.isEmpty()) {
            throw new InvalidTokenException("kid is empty");
        }
        Map<String, Object> claims = json("payload", token.substring(dot1 + 1, dot2));
        String azp = optionalString(claims, "azp", "claim");
        Key key = keys.lookup(azp, alg, kid);
        byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = base64url("signature", token.substring(dot2 + 1));
        if (!JwsSignature.verify(alg, key, signingInput, signature)) {
            throw new InvalidTokenException("bad " + alg + " signature (azp=" + shown(azp) + " kid=" + shown(kid) + ")");
        }
        checkTimes(claims);
        checkClaims(claims);
        return claims;
    }

    private static JwsAlgorithm algorithm(Map<String, Object> header) {
        Object alg = header.get("alg");
        if (!(alg instanceof String)) {
            throw new InvalidTokenException("header has no alg");
        }
        String name = (String) alg;
        if (name.equalsIgnoreCase("none")) {
            throw new InvalidTokenException("refused alg none (an unsigned token)");
        }
        JwsAlgorithm a = JwsAlgorithm.byName(name);
        if (a == null) {
            throw new InvalidTokenException("unsupported alg " + InvalidTokenException.printable(name));
        }
        return a;
    }

    private void checkTimes(Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.toSeconds();
        Long exp = numericDate(claims, "exp");
        Long nbf = numericDate(claims, "nbf");
        Long iat = numericDate(claims, "iat");
        if (exp == null) {
            throw new InvalidTokenException("token has no exp");
        }
        if (now >= exp + skew) {
            throw new InvalidTokenException("token expired " + (now - exp) + " s ago");
        }
        if (nbf != null && now + skew < nbf) {
            throw new InvalidTokenException("token not valid for another " + (nbf - now) + " s (nbf)");
        }
        if (iat != null && iat > now + skew) {
            throw new InvalidTokenException("token issued " + (iat - now) + " s in the future (iat)");
        }
        if ((nbf != null && exp < nbf) || (iat != null && exp < iat)) {
            throw new InvalidTokenException("token's exp is before its nbf or iat");
        }
    }

    private void checkClaims(Map<String, Object> claims) {
        if (optionalString(claims, "sub", "claim") == null) {
            throw new InvalidTokenException("token has no sub");
        }
        checks.check(claims, true);
    }

    private static Map<String, Object> json(String part, String base64url) {
        try {
            return JsonReader.readObject(base64url(part, base64url));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed JSON in the " + part + ": " + e.getMessage());
        }
    }

    /**
     * Unpadded base64url (RFC 7515 section 2) in its one canonical spelling: JDK decoders accept
     * padding and stray low bits, which would let one token be written several ways.
     */
    private static byte[] base64url(String part, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidTokenException("the " + part + " is not base64url");
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the " + part + " is not base64url: " + e.getMessage());
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new InvalidTokenException("the " + part + " is not canonical base64url");
        }
        return bytes;
    }

    private static String shown(String value) {
        return value == null ? "(none)" : InvalidTokenException.printable(value);
    }
}
