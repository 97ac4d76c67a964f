package org.loftmail.pop3.session;

import java.time.Duration;

/**
 * How POP3 sessions behave; the server builds it from {@code loft.conf}.
 *
 * @param disablePlaintextAuth refuse USER/PASS and plaintext SASL on a connection that is neither
 *                             TLS nor loopback (Dovecot's {@code disable_plaintext_auth})
 * @param uidlFormat           Dovecot's {@code pop3_uidl_format}: {@code %u} UID, {@code %v}
 *                             UIDVALIDITY, {@code %g} message GUID (see {@link UidlFormat})
 * @param lockSession          one POP3 session per user at a time (Dovecot's {@code pop3_lock_session};
 *                             RFC 1939 asks for the exclusive lock, so Loft's default is on)
 * @param loginTimeout         how long a connection may stay unauthenticated (Dovecot: 1 min)
 * @param idleTimeout          inactivity allowed after login (RFC 1939: at least 10 min)
 * @param authFailureDelay     pause before answering a failed login (Dovecot's {@code auth_failure_delay})
 * @param maxLineLength        longest client line, CRLF not counted. RFC 2449 keeps commands to 255
 *                             octets, but SASL responses (OAuth tokens) are longer
 * @param maxBadCommands       consecutive erroneous commands before the connection is closed (Dovecot: 20)
 * @param maxConnections       connections the server accepts at once; more are refused
 */
public record Pop3Settings(boolean disablePlaintextAuth, String uidlFormat, boolean lockSession, Duration loginTimeout,
                           Duration idleTimeout, Duration authFailureDelay, int maxLineLength, int maxBadCommands,
                           int maxConnections) {
    public static final Pop3Settings DEFAULTS = new Pop3Settings(true, UidlFormat.DOVECOT_DEFAULT, true,
            Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(2), 8192, 20, 20_000);

    public Pop3Settings {
        UidlFormat.compile(uidlFormat);
        if (maxLineLength < 255) {
            throw new IllegalArgumentException("maxLineLength must be at least 255 (RFC 2449)");
        }
        if (maxBadCommands < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxBadCommands and maxConnections must be positive");
        }
    }

    public Pop3Settings withDisablePlaintextAuth(boolean disable) {
        return new Pop3Settings(disable, uidlFormat, lockSession, loginTimeout, idleTimeout, authFailureDelay,
                maxLineLength, maxBadCommands, maxConnections);
    }

    public Pop3Settings withUidlFormat(String format) {
        return new Pop3Settings(disablePlaintextAuth, format, lockSession, loginTimeout, idleTimeout, authFailureDelay,
                maxLineLength, maxBadCommands, maxConnections);
    }

    public Pop3Settings withLockSession(boolean lock) {
        return new Pop3Settings(disablePlaintextAuth, uidlFormat, lock, loginTimeout, idleTimeout, authFailureDelay,
                maxLineLength, maxBadCommands, maxConnections);
    }

    public Pop3Settings withTimeouts(Duration login, Duration idle, Duration authDelay) {
        return new Pop3Settings(disablePlaintextAuth, uidlFormat, lockSession, login, idle, authDelay,
                maxLineLength, maxBadCommands, maxConnections);
    }

    public Pop3Settings withMaxLineLength(int max) {
        return new Pop3Settings(disablePlaintextAuth, uidlFormat, lockSession, loginTimeout, idleTimeout,
                authFailureDelay, max, maxBadCommands, maxConnections);
    }

    public Pop3Settings withMaxBadCommands(int max) {
        return new Pop3Settings(disablePlaintextAuth, uidlFormat, lockSession, loginTimeout, idleTimeout,
                authFailureDelay, maxLineLength, max, maxConnections);
    }

    public Pop3Settings withMaxConnections(int max) {
        return new Pop3Settings(disablePlaintextAuth, uidlFormat, lockSession, loginTimeout, idleTimeout,
                authFailureDelay, maxLineLength, maxBadCommands, max);
    }
}
