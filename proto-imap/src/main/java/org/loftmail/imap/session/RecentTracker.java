package org.loftmail.imap.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.model.MailboxGuid;

/**
 * Decides which session is the first to see a message, which is what RFC 3501's {@code \Recent}
 * means: per mailbox, the highest UID some session has already been told about. Kept in memory:
 * after a restart the first session to select a mailbox gets all its messages as recent, as
 * RFC 3501 asks when it cannot be known who saw them first; IMAP4rev2 dropped {@code \Recent},
 * so no client relies on more.
 */
public final class RecentTracker {
    private final Map<MailboxGuid, Long> seen = new ConcurrentHashMap<>();

    /**
     * Claims the UIDs up to {@code highestUid} for the caller; returns the highest UID that was
     * claimed before (UIDs above it are recent for the caller); 0 at the first claim.
     */
    long claim(MailboxGuid mailbox, long highestUid) {
        long[] before = new long[1];
        seen.compute(mailbox, (k, v) -> {
            before[0] = v == null ? 0 : v;
            return v == null ? highestUid : Math.max(v, highestUid);
        });
        return before[0];
    }
}
