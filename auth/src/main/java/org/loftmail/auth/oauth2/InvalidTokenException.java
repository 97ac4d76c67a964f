package org.loftmail.auth.oauth2;

/**
 * A bearer token that must not log anyone in: malformed, badly signed, expired, for another
 * issuer, or signed with a key the directory does not hold. The message is written for the log
 * and never contains the token itself.
 */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 64;

    public InvalidTokenException(String message) {
        super(message);
    }

    /**
     * {@code value} fit for a log line: claims and header fields come from whoever sent the
     * token, so control characters (forged log lines) are replaced and long values cut.
     */
    static String printable(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_SHOWN + 3));
        for (int i = 0; i < value.length() && i < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (value.length() > MAX_SHOWN) {
            b.append("...");
        }
        return b.toString();
    }
}
