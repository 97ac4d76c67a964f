package org.loftmail.imap.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.model.MailboxGuid;

/**
 * Decides which session is the first to see a message, which is what RFC 3501's {@code \Recent}
 * means: per mailbox, the highest UID some session has already been told about. Kept in memory
 * (a restart makes nothing recent); IMAP4rev2 dropped {@code \Recent}, so no client relies on
 * more.
 */
public final class RecentTracker {
    private final Map<MailboxGuid, Long> seen = new ConcurrentHashMap<>();

    /**
     * Claims the UIDs up to {@code highestUid} for the caller; returns the highest UID that was
     * claimed before (UIDs above it are recent for the caller). The first claim of a mailbox
     * returns {@code highestUid}: nothing is recent.
     */
    long claim(MailboxGuid mailbox, long highestUid) {
        long[] before = new long[1];
        seen.compute(mailbox, (k, v) -> {
            before[0] = v == null ? highestUid : v;
            return v == null ? highestUid : Math.max(v, highestUid);
        });
        return before[0];
    }
}
