package org.loftmail.auth.oauth2;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
    /** 9999-12-31T23:59:59Z: later NumericDates are garbage, and bounding them keeps BigDecimal cheap. */
    private static final BigDecimal MAX_DATE = BigDecimal.valueOf(253_402_300_799L);

    private final OAuth2Settings settings;
    private final KeyDirectory keys;
    private final Clock clock;

    public JwtValidator(OAuth2Settings settings, Clock clock) {
        this.settings = settings;
        this.keys = new KeyDirectory(settings.keyDirectory());
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
        if (!settings.issuers().isEmpty()) {
            String iss = optionalString(claims, "iss", "claim");
            if (iss == null) {
                throw new InvalidTokenException("token has no iss, and issuers are configured");
            }
            if (!settings.issuers().contains(iss)) {
                throw new InvalidTokenException("issuer " + InvalidTokenException.printable(iss) + " is not allowed");
            }
        }
        if (!settings.clientId().isEmpty() && !audienceHas(claims.get("aud"), settings.clientId())) {
            throw new InvalidTokenException("aud does not name client_id " + settings.clientId());
        }
        if (!settings.scopes().isEmpty()) {
            checkScopes(optionalString(claims, "scope", "claim"));
        }
        if (!settings.activeAttribute().isEmpty()) {
            checkActive(claims.get(settings.activeAttribute()));
        }
    }

    private static boolean audienceHas(Object aud, String clientId) {
        if (aud instanceof String) {
            return aud.equals(clientId);
        }
        return aud instanceof List && ((List<?>) aud).contains(clientId);
    }

    /** Every configured scope must be granted; scope names compare case-insensitively, as in Dovecot. */
    private void checkScopes(String granted) {
        if (granted == null) {
            throw new InvalidTokenException("token has no scope, and scope is configured");
        }
        List<String> have = List.of(granted.toLowerCase(Locale.ROOT).split("[ ,]+"));
        for (String wanted : settings.scopes()) {
            if (!have.contains(wanted.toLowerCase(Locale.ROOT))) {
                throw new InvalidTokenException("token scope lacks " + wanted);
            }
        }
    }

    private void checkActive(Object value) {
        String name = settings.activeAttribute();
        if (value == null) {
            throw new InvalidTokenException("token has no " + name + " (active_attribute)");
        }
        String text = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : String.valueOf(value);
        boolean scalar = value instanceof String || value instanceof Boolean || value instanceof BigDecimal;
        if (!settings.activeValue().isEmpty() && (!scalar || !text.equals(settings.activeValue()))) {
            throw new InvalidTokenException("account is not active: " + name + " is not " + settings.activeValue());
        }
    }

    /** A NumericDate (RFC 7519 section 2) in whole seconds; null when absent. */
    private static Long numericDate(Map<String, Object> claims, String name) {
        if (!claims.containsKey(name)) {
            return null;
        }
        Object v = claims.get(name);
        if (!(v instanceof BigDecimal)) {
            throw new InvalidTokenException(name + " is not a number");
        }
        BigDecimal d = (BigDecimal) v;
        if (d.signum() < 0 || d.compareTo(MAX_DATE) > 0) {
            throw new InvalidTokenException(name + " is out of range");
        }
        return d.longValue();
    }

    private static String optionalString(Map<String, Object> object, String name, String where) {
        Object v = object.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new InvalidTokenException(where + " " + name + " is not a string");
        }
        return (String) v;
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
