package org.loftmail.core.auth;

import java.nio.charset.StandardCharsets;

/**
 * The two SASL mechanisms that carry a plaintext password: PLAIN (RFC 4616) in one message and
 * LOGIN (user, then password, each answering a challenge). Decoding only; checking goes through
 * an {@link Authenticator}.
 */
public final class SaslPlaintext {
    /** Challenges LOGIN sends, as Dovecot does. */
    public static final byte[] LOGIN_USER_CHALLENGE = "Username:".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] LOGIN_PASSWORD_CHALLENGE = "Password:".getBytes(StandardCharsets.US_ASCII);

    /** A decoded PLAIN message; {@code authzid} is empty when the client acts as itself. */
    public record Credential(String authzid, String user, String password) {
        @Override
        public String toString() {
            return "Credential[authzid=" + authzid + ", user=" + user + ", password=***]";
        }
    }

    private SaslPlaintext() {
    }

    /**
     * Decodes {@code authzid NUL authcid NUL passwd}; returns null if the message is malformed
     * (not exactly two NULs, empty user, or not UTF-8).
     */
    public static Credential decodePlain(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0 || indexOf(message, second + 1) >= 0 || second == first + 1) {
            return null;
        }
        String authzid = utf8(message, 0, first);
        String user = utf8(message, first + 1, second);
        String password = utf8(message, second + 1, message.length);
        if (authzid == null || user == null || password == null) {
            return null;
        }
        return new Credential(authzid, user, password);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
