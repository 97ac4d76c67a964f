package org.loftmail.lmtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the LMTP server behaves, with Dovecot's setting names where there is one.
 *
 * @param hostname              in the greeting, LHLO and Received headers (Dovecot's {@code hostname})
 * @param maxMessageSize        bytes; larger messages get {@code 552 5.3.4}; announced in LHLO's SIZE
 * @param maxRecipients         per transaction; one more gets {@code 452 4.5.3} (RFC 5321 section 4.5.3.1.8)
 * @param recipientDelimiter    {@code recipient_delimiter}: characters that start an address's detail
 *                              ({@code user+detail}); empty for none
 * @param saveToDetailMailbox   {@code lmtp_save_to_detail_mailbox}: mail to {@code user+box} goes to
 *                              mailbox {@code box} when it exists
 * @param userConcurrencyLimit  {@code lmtp_user_concurrency_limit}: deliveries to one user at once; 0 for no limit
 * @param addReceivedHeader     {@code lmtp_add_received_header}
 * @param maxLineLength         bytes in a command line
 * @param maxBadCommands        unknown or malformed commands before the connection is closed
 * @param maxConnections        clients at once; one more gets {@code 421} and is closed
 * @param idleTimeout           a client silent this long is disconnected
 * @param memorySpool           message bytes kept in the heap before the rest goes to a spool file
 */
public record LmtpSettings(String hostname, long maxMessageSize, int maxRecipients, String recipientDelimiter,
                           boolean saveToDetailMailbox, int userConcurrencyLimit, boolean addReceivedHeader,
                           int maxLineLength, int maxBadCommands, int maxConnections, Duration idleTimeout,
                           int memorySpool) {
    /**
     * Dovecot's defaults where it has them ({@code recipient_delimiter = +}, no detail mailboxes,
     * no concurrency limit, Received headers on, 5 minute command timeout, 10 bad commands); a
     * 50 MiB message limit (Dovecot has none; Postfix's default is 10 MB, so it never bites there)
     * and 1,000 recipients (Postfix sends at most 50 by default).
     */
    public static final LmtpSettings DEFAULTS = new LmtpSettings(defaultHostname(), 50L << 20, 1000, "+", false, 0,
            true, 4096, 10, 100, Duration.ofMinutes(5), 256 << 10);

    public LmtpSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(recipientDelimiter, "recipientDelimiter");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxMessageSize < 1 || maxRecipients < 1 || maxLineLength < 512 || maxBadCommands < 1 || maxConnections < 1
                || userConcurrencyLimit < 0 || memorySpool < 0) {
            throw new IllegalArgumentException("LMTP limits out of range: " + this);
        }
    }

    private static String defaultHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public LmtpSettings withHostname(String v) {
        return new LmtpSettings(v, maxMessageSize, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withMaxMessageSize(long v) {
        return new LmtpSettings(hostname, v, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withMaxRecipients(int v) {
        return new LmtpSettings(hostname, maxMessageSize, v, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withRecipientDelimiter(String v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, v, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withSaveToDetailMailbox(boolean v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, recipientDelimiter, v,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withUserConcurrencyLimit(int v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                v, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withAddReceivedHeader(boolean v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, v, maxLineLength, maxBadCommands, maxConnections, idleTimeout, memorySpool);
    }

    public LmtpSettings withIdleTimeout(Duration v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, maxConnections, v, memorySpool);
    }

    public LmtpSettings withMaxConnections(int v) {
        return new LmtpSettings(hostname, maxMessageSize, maxRecipients, recipientDelimiter, saveToDetailMailbox,
                userConcurrencyLimit, addReceivedHeader, maxLineLength, maxBadCommands, v, idleTimeout, memorySpool);
    }
}
