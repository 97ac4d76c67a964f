package org.loftmail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.MailboxCounts;

class MessageTablesTest extends IndexFixture {
    private MailboxGuid inbox;

    @BeforeEach
    void setUp() {
        open();
        inbox = createMailbox("INBOX");
    }

    private void put(MessageInfo... messages) {
        index.write(w -> {
            for (MessageInfo m : messages) {
                w.putMessage(inbox, m);
            }
            return null;
        });
    }

    private void remove(long uid, long modSeq) {
        index.write(w -> {
            w.removeMessage(inbox, uid, modSeq);
            return null;
        });
    }

    private MailboxCounts counts() {
        return index.read(r -> r.counts(inbox));
    }

    private List<Long> uids(long from, long to, int stopAfter) {
        List<Long> out = new ArrayList<>();
        index.read(r -> {
            r.messages(inbox, from, to, m -> {
                out.add(m.uid());
                return out.size() < stopAfter;
            });
            return null;
        });
        return out;
    }

    private List<Long> changedSince(long modSeq) {
        List<Long> out = new ArrayList<>();
        index.read(r -> {
            r.changedSince(inbox, modSeq, m -> out.add(m.uid()));
            return null;
        });
        return out;
    }

    @Test
    void insertedMessageReadsBackExactly() {
        MessageInfo m = new MessageInfo(7, MessageGuid.random(), Flags.of(Flags.SEEN | Flags.DRAFT, "$Junk", "Work"),
                1L << 40, -86_400_000L, 1L << 33, (1L << 33) + 500);
        put(m);
        assertEquals(Optional.of(m), index.read(r -> r.message(inbox, 7)));
        assertEquals(Optional.empty(), index.read(r -> r.message(inbox, 8)));
        assertEquals(Optional.empty(), index.read(r -> r.message(MailboxGuid.random(), 7)));
    }

    @Test
    void saveDateReadsBackAndOldRecordsTakeTheInternalDate() {
        MessageInfo saved = new MessageInfo(3, MessageGuid.random(), Flags.of(0, "kw"), 5, 1_577_836_800_000L, 100, 102,
                1_796_000_000_000L);
        MessageInfo plain = new MessageInfo(4, MessageGuid.random(), Flags.NONE, 6, 1_577_836_800_000L, 100, 102);
        put(saved, plain);
        assertEquals(1_796_000_000_000L, index.read(r -> r.message(inbox, 3)).orElseThrow().saveDate());
        assertEquals(Optional.of(plain), index.read(r -> r.message(inbox, 4)));
        // A record from before save dates were kept ends after its keywords.
        byte[] old = MessageTable.encode(plain);
        assertEquals(plain, MessageTable.decode(4, old));
        // A flag change keeps the save date.
        put(saved.withFlags(Flags.of(Flags.SEEN), 7));
        MessageInfo flagged = index.read(r -> r.message(inbox, 3)).orElseThrow();
        assertEquals(1_796_000_000_000L, flagged.saveDate());
        assertEquals(Flags.of(Flags.SEEN), flagged.flags());
    }

    @Test
    void putMessageIntoUnknownMailboxFails() {
        StorageException e = assertThrows(StorageException.class, () -> index.write(w -> {
            w.putMessage(MailboxGuid.random(), message(1, 1, Flags.NONE));
            return null;
        }));
        assertEquals(StorageException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void countsFollowInsertsFlagChangesAndRemovals() {
        assertEquals(MailboxCounts.ZERO, counts());
        put(message(1, 1, Flags.NONE, 0, 1000), message(2, 2, Flags.of(Flags.SEEN), 0, 2000),
                message(3, 3, Flags.of(Flags.FLAGGED), 0, 3000));
        assertEquals(new MailboxCounts(3, 2, 6000), counts());

        put(message(1, 4, Flags.of(Flags.SEEN), 0, 1000));
        assertEquals(new MailboxCounts(3, 1, 6000), counts());
        put(message(1, 5, Flags.of(Flags.SEEN, "foo"), 0, 1000)); // still seen
        assertEquals(new MailboxCounts(3, 1, 6000), counts());
        put(message(2, 6, Flags.NONE, 0, 2000));
        assertEquals(new MailboxCounts(3, 2, 6000), counts());

        remove(3, 7); // unseen
        assertEquals(new MailboxCounts(2, 1, 3000), counts());
        remove(1, 8); // seen
        assertEquals(new MailboxCounts(1, 1, 2000), counts());
        remove(1, 9); // already gone: no change
        assertEquals(new MailboxCounts(1, 1, 2000), counts());
        remove(2, 10);
        assertEquals(MailboxCounts.ZERO, counts());
    }

    @Test
    void updateReplacesTheRecord() {
        put(message(1, 1, Flags.NONE));
        MessageInfo updated = message(1, 2, Flags.of(Flags.ANSWERED, "$Forwarded"));
        put(updated);
        assertEquals(Optional.of(updated), index.read(r -> r.message(inbox, 1)));
        assertEquals(List.of(1L), uids(0, Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void rangeScansAreInclusiveAndStopEarly() {
        for (long uid = 1; uid <= 10; uid++) {
            put(message(uid, uid, Flags.NONE));
        }
        assertEquals(List.of(3L, 4L, 5L), uids(3, 5, Integer.MAX_VALUE));
        assertEquals(List.of(1L, 2L), uids(0, 100, 2));
        assertEquals(List.of(10L), uids(10, 10, Integer.MAX_VALUE));
        assertEquals(List.of(), uids(11, 20, Integer.MAX_VALUE));
        assertEquals(List.of(), uids(5, 4, Integer.MAX_VALUE));
    }

    @Test
    void uidsAboveTwoToThe31SortAfterSmallOnes() {
        long big = (1L << 31) + 5;
        long huge = 0xFFFF_FFFFL;
        put(message(huge, 3, Flags.NONE), message(big, 1, Flags.NONE), message(2, 2, Flags.NONE));
        assertEquals(List.of(2L, big, huge), uids(1, huge, Integer.MAX_VALUE));
        assertEquals(List.of(big, huge), uids(3, huge, Integer.MAX_VALUE));
        assertEquals(List.of(2L), uids(1, big - 1, Integer.MAX_VALUE));
    }

    @Test
    void changedSinceIsInModSeqOrderAndFollowsUpdates() {
        put(message(1, 10, Flags.NONE), message(2, 20, Flags.NONE), message(3, 30, Flags.NONE));
        assertEquals(List.of(1L, 2L, 3L), changedSince(0));
        put(message(1, 40, Flags.of(Flags.SEEN)));
        assertEquals(List.of(2L, 3L, 1L), changedSince(0));
        assertEquals(List.of(3L, 1L), changedSince(20));
        assertEquals(List.of(1L), changedSince(30));
        assertEquals(List.of(), changedSince(40));
        remove(2, 50);
        assertEquals(List.of(3L, 1L), changedSince(0));

        List<MessageInfo> first = new ArrayList<>();
        index.read(r -> {
            r.changedSince(inbox, 0, m -> !first.add(m));
            return null;
        });
        assertEquals(List.of(message(3, 30, Flags.NONE)), first);
    }

    @Test
    void changedSinceHandlesModSeqsAboveTwoToThe63Minus1() {
        put(message(1, 5, Flags.NONE), message(2, Long.MAX_VALUE, Flags.NONE));
        assertEquals(List.of(1L, 2L), changedSince(0));
        assertEquals(List.of(2L), changedSince(5));
        assertEquals(List.of(), changedSince(Long.MAX_VALUE));
    }

    @Test
    void expungedSinceListsUidsAscending() {
        for (long uid = 1; uid <= 6; uid++) {
            put(message(uid, uid, Flags.NONE));
        }
        remove(5, 10);
        remove(2, 11);
        remove(4, 12);
        index.read(r -> {
            assertEquals(List.of(2L, 4L, 5L), r.expungedSince(inbox, 0));
            assertEquals(List.of(2L, 4L), r.expungedSince(inbox, 10));
            assertEquals(List.of(4L), r.expungedSince(inbox, 11));
            assertTrue(r.expungedSince(inbox, 12).isEmpty());
            assertEquals(3, r.counts(inbox).messages());
            return null;
        });
    }
}
