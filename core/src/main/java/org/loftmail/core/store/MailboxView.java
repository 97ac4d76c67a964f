package org.loftmail.core.store;

import java.util.Set;

/**
 * A mailbox as SELECT opens it: every UID ascending, the sequence number of the first message
 * without {@code \Seen} (0 if none), the keywords its messages carry, and per message (aligned
 * with {@code uids}) its system flags and internal date, so that a search on those alone needs
 * no index walk. Not copied: do not modify.
 */
public record MailboxView(long[] uids, int firstUnseen, Set<String> keywords, byte[] systemFlags,
                          long[] internalDates) {
    /** A view whose messages have no flags and internal date 0 (tests). */
    public MailboxView(long[] uids, int firstUnseen, Set<String> keywords) {
        this(uids, firstUnseen, keywords, new byte[uids.length], new long[uids.length]);
    }
}
