package org.loftmail.core.auth;

import java.nio.charset.StandardCharsets;

/**
 * The two SASL mechanisms that carry an OAuth 2.0 bearer token: OAUTHBEARER (RFC 7628) and
 * Google's XOAUTH2. Decoding only; the token is checked by an {@link Authenticator} of an oauth2
 * passdb, to which it is handed in place of a password (as Dovecot does).
 */
public final class SaslBearer {
    /** What a failed token check answers before the final NO (RFC 7628 section 3.2.2). */
    public static final byte[] ERROR_CHALLENGE =
            "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}".getBytes(StandardCharsets.US_ASCII);

    /** A decoded client response; {@code user} is empty when the client did not name one. */
    public record Credential(String user, String token) {
        @Override
        public String toString() {
            return "Credential[user=" + user + ", token=***]";
        }
    }

    private SaslBearer() {
    }

    /**
     * Decodes {@code n,a=user,^Ahost=…^Aport=…^Aauth=Bearer TOKEN^A^A}; null when malformed
     * (channel binding requested, no {@code auth} pair, no Bearer token, not UTF-8).
     */
    public static Credential decodeOAuthBearer(byte[] message) {
        String s = utf8(message);
        if (s == null || !s.startsWith("n,")) {
            // "y," and "p=" ask for channel binding, which IMAP over TLS here does not offer.
            return null;
        }
        int comma = s.indexOf(',', 2);
        if (comma < 0) {
            return null;
        }
        String authzid = s.substring(2, comma);
        String user;
        if (authzid.isEmpty()) {
            user = "";
        } else if (authzid.startsWith("a=")) {
            user = authzid.substring(2).replace("=2C", ",").replace("=3D", "=");
        } else {
            return null;
        }
        String token = bearer(s.substring(comma + 1));
        return token == null ? null : new Credential(user, token);
    }

    /** Decodes {@code user=U^Aauth=Bearer TOKEN^A^A}; null when malformed. */
    public static Credential decodeXOAuth2(byte[] message) {
        String s = utf8(message);
        if (s == null || !s.startsWith("user=")) {
            return null;
        }
        int sep = s.indexOf('\u0001');
        if (sep < 0) {
            return null;
        }
        String token = bearer(s.substring(sep));
        return token == null ? null : new Credential(s.substring(5, sep), token);
    }

    /** The token of the {@code auth=Bearer} pair in {@code ^Akey=value^A…^A^A}. */
    private static String bearer(String pairs) {
        if (!pairs.startsWith("\u0001") || !pairs.endsWith("\u0001\u0001")) {
            return null;
        }
        for (String kv : pairs.substring(1, pairs.length() - 2).split("\u0001", -1)) {
            if (kv.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                String token = kv.substring(12).trim();
                return token.isEmpty() ? null : token;
            }
        }
        return null;
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
