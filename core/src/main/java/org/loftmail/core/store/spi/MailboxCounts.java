package org.loftmail.core.store.spi;

/** Counters the index keeps per mailbox so STATUS never scans messages. */
public record MailboxCounts(long messages, long unseen, long vsize) {
    public static final MailboxCounts ZERO = new MailboxCounts(0, 0, 0);
}
