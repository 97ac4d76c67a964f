package org.loftmail.auth.oauth2;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks the settings ask of what is known about a token, whether those are the claims of a
 * local JWT or the JSON answer of an OAuth2 server: {@code issuers}, {@code client_id},
 * {@code scope} and the active attribute. A JWT must carry {@code iss} and {@code aud} when they
 * are checked; a server's answer is trusted to leave out what it does not know. Each failure is an
 * {@link InvalidTokenException}.
 */
final class ClaimChecks {
    /** 9999-12-31T23:59:59Z: later NumericDates are garbage, and bounding them keeps BigDecimal cheap. */
    private static final BigDecimal MAX_DATE = BigDecimal.valueOf(253_402_300_799L);

    private final OAuth2Settings settings;

    ClaimChecks(OAuth2Settings settings) {
        this.settings = settings;
    }

    /** All checks; {@code jwt} makes {@code iss} (with issuers) and {@code aud} (with client_id) required. */
    void check(Map<String, Object> claims, boolean jwt) {
        if (!settings.issuers().isEmpty()) {
            String iss = optionalString(claims, "iss", "claim");
            if (iss == null && jwt) {
                throw new InvalidTokenException("token has no iss, and issuers are configured");
            }
            if (iss != null && !settings.issuers().contains(iss)) {
                throw new InvalidTokenException("issuer " + InvalidTokenException.printable(iss) + " is not allowed");
            }
        }
        if (!settings.clientId().isEmpty()) {
            checkClient(claims, jwt);
        }
        if (!settings.scopes().isEmpty()) {
            checkScopes(optionalString(claims, "scope", "claim"));
        }
        if (!settings.activeAttribute().isEmpty()) {
            checkActive(claims.get(settings.activeAttribute()));
        }
    }

    /**
     * A JWT's {@code aud} must name client_id (as Dovecot checks). An introspection answer names
     * the client in {@code aud} or (RFC 7662) {@code client_id}; when it has either, one must match.
     */
    private void checkClient(Map<String, Object> claims, boolean jwt) {
        String clientId = settings.clientId();
        Object aud = claims.get("aud");
        Object client = claims.get("client_id");
        if (jwt) {
            if (!audienceHas(aud, clientId)) {
                throw new InvalidTokenException("aud does not name client_id " + clientId);
            }
        } else if ((aud != null || client != null) && !audienceHas(aud, clientId) && !clientId.equals(client)) {
            throw new InvalidTokenException("neither aud nor client_id of the answer names client_id " + clientId);
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
    static Long numericDate(Map<String, Object> claims, String name) {
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

    static String optionalString(Map<String, Object> object, String name, String where) {
        Object v = object.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new InvalidTokenException(where + " " + name + " is not a string");
        }
        return (String) v;
    }
}
