package org.loftmail.imap.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MailboxView;
import org.loftmail.imap.parse.SequenceSet;

/** Which UIDs a sequence set names in a view with gaps (UIDs 2 3 5 8 9 10). */
class SelectedMailboxResolveTest {
    private final SelectedMailbox view = selected(new long[] {2, 3, 5, 8, 9, 10});

    private static SelectedMailbox selected(long[] uids) {
        SelectedMailbox m = new SelectedMailbox(new MailboxInfo(MailboxGuid.random(), MailboxName.INBOX, 1, 11, 1,
                Set.of()), true);
        m.load(new MailboxView(uids, 0, Set.of()), new RecentTracker());
        return m;
    }

    private long[] uids(String set) {
        return view.resolve(SequenceSet.parse(set), true);
    }

    private long[] seqs(String set) {
        return view.resolve(SequenceSet.parse(set), false);
    }

    @Test
    void uidSets() {
        assertArrayEquals(new long[] {2, 3, 5, 8, 9, 10}, uids("1:*"));
        assertArrayEquals(new long[] {3, 5}, uids("3:7"));
        assertArrayEquals(new long[] {3, 5}, uids("7:3"));
        assertArrayEquals(new long[] {}, uids("6:7"));
        // RFC 3501: n:* always includes the last message, even when n is beyond it.
        assertArrayEquals(new long[] {10}, uids("559:*"));
        assertArrayEquals(new long[] {10}, uids("*"));
        assertArrayEquals(new long[] {2, 5, 9, 10}, uids("9:*,5,2,5,9"));
        assertArrayEquals(new long[] {}, uids("11:20"));
    }

    @Test
    void sequenceSets() {
        assertArrayEquals(new long[] {2, 3, 5, 8, 9, 10}, seqs("1:*"));
        assertArrayEquals(new long[] {3, 5, 8}, seqs("4:2"));
        assertArrayEquals(new long[] {10}, seqs("*"));
        assertArrayEquals(new long[] {2, 9, 10}, seqs("5:6,1,6"));
        assertTrue(view.validSequence(SequenceSet.parse("1:6")));
        assertFalse(view.validSequence(SequenceSet.parse("7")));
    }

    @Test
    void emptyView() {
        SelectedMailbox empty = selected(new long[0]);
        assertArrayEquals(new long[] {}, empty.resolve(SequenceSet.parse("1:*"), true));
    }
}
