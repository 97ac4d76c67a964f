package org.loftmail.imap.session;

import java.time.Duration;
import org.loftmail.imap.codec.ImapLimits;

/**
 * How IMAP sessions behave; the server builds it from {@code loft.conf}.
 *
 * @param limits               decoder limits; {@code maxLiteralSize} is also the APPENDLIMIT
 * @param loginTimeout         how long a connection may stay unauthenticated (Dovecot: 1 min)
 * @param idleTimeout          inactivity allowed after login (RFC 3501: at least 30 min)
 * @param authFailureDelay     pause before answering a failed login (Dovecot's auth_failure_delay)
 * @param maxBadCommands       consecutive BAD answers before the connection is closed
 * @param disablePlaintextAuth refuse LOGIN and plaintext SASL on a connection that is neither
 *                             TLS nor loopback (Dovecot's {@code disable_plaintext_auth}, the
 *                             effect of {@code ssl = required})
 * @param autoCreateSpecialUse create and subscribe Drafts, Sent, Trash, Junk and Archive at login
 * @param maxConnections       connections one listener set accepts at once; more are refused with BYE
 */
public record ImapSettings(ImapLimits limits, Duration loginTimeout, Duration idleTimeout, Duration authFailureDelay,
                           int maxBadCommands, boolean disablePlaintextAuth, boolean autoCreateSpecialUse,
                           int maxConnections) {
    public static final ImapSettings DEFAULTS = new ImapSettings(ImapLimits.DEFAULT, Duration.ofMinutes(1),
            Duration.ofMinutes(30), Duration.ofSeconds(2), 20, true, true, 20_000);

    public ImapSettings withLimits(ImapLimits l) {
        return new ImapSettings(l, loginTimeout, idleTimeout, authFailureDelay, maxBadCommands, disablePlaintextAuth,
                autoCreateSpecialUse, maxConnections);
    }

    public ImapSettings withTimeouts(Duration login, Duration idle, Duration authDelay) {
        return new ImapSettings(limits, login, idle, authDelay, maxBadCommands, disablePlaintextAuth,
                autoCreateSpecialUse, maxConnections);
    }

    public ImapSettings withMaxConnections(int max) {
        return new ImapSettings(limits, loginTimeout, idleTimeout, authFailureDelay, maxBadCommands, disablePlaintextAuth,
                autoCreateSpecialUse, max);
    }

    public ImapSettings withDisablePlaintextAuth(boolean disable) {
        return new ImapSettings(limits, loginTimeout, idleTimeout, authFailureDelay, maxBadCommands, disable,
                autoCreateSpecialUse, maxConnections);
    }
}
