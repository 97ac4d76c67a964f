package org.loftmail.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.SortKeys;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MessageInfo;

/**
 * SORT and THREAD keys. String criteria use {@link LmdbIndexWriter#putKeys} because the
 * {@link MessageSummary} stub produces placeholder keys.
 */
class SortTablesTest extends IndexFixture {
    private MailboxGuid inbox;

    @BeforeEach
    void setUp() {
        open();
        inbox = createMailbox("INBOX");
    }

    private List<Long> sorted(SortCriterion c) {
        List<Long> out = new ArrayList<>();
        index.read(r -> {
            r.sorted(inbox, c, (uid, same) -> out.add(uid));
            return null;
        });
        return out;
    }

    private static SortKeys subject(String s) {
        return new SortKeys(s, "", "", "", "", "", 0);
    }

    /** Stores keys for the message's GUID, then inserts it. */
    private void put(MessageInfo m, SortKeys sort, ThreadKeys thread) {
        index.write(w -> {
            ((LmdbIndexWriter) w).putKeys(m.guid(), new MessageKeys(sort, thread));
            w.putMessage(inbox, m);
            return null;
        });
    }

    private void put(MessageInfo m, SortKeys sort) {
        put(m, sort, new ThreadKeys("", "", List.of(), "", false));
    }

    @Test
    void arrivalAndSizeUseUnsignedOrderWithUidTies() {
        long big = 1L << 31;
        index.write(w -> {
            w.putMessage(inbox, message(1, 1, Flags.NONE, 3000, big + 7));
            w.putMessage(inbox, message(2, 2, Flags.NONE, 1000, 500));
            w.putMessage(inbox, message(big + 1, 3, Flags.NONE, 2000, 500));
            w.putMessage(inbox, message(4, 4, Flags.NONE, -5000, 1L << 40));
            return null;
        });
        assertEquals(List.of(4L, 2L, big + 1, 1L), sorted(SortCriterion.ARRIVAL));
        assertEquals(List.of(2L, big + 1, 1L, 4L), sorted(SortCriterion.SIZE));
    }

    @Test
    void stringsSortByteWiseWithPrefixesFirst() {
        put(message(1, 1, Flags.NONE), subject("meeting"));
        put(message(2, 2, Flags.NONE), subject("meet"));
        put(message(3, 3, Flags.NONE), subject(""));
        put(message(4, 4, Flags.NONE), subject("meeting"));
        put(message(5, 5, Flags.NONE), subject("\u00e9t\u00e9"));
        put(message(6, 6, Flags.NONE), subject("zebra"));
        assertEquals(List.of(3L, 2L, 1L, 4L, 6L, 5L), sorted(SortCriterion.SUBJECT));
        // Only 4 repeats the previous key ("meeting"); "meet" and "meeting" differ.
        assertEquals(List.of(false, false, false, true, false, false), ties(SortCriterion.SUBJECT));
    }

    @Test
    void numberTiesAreReported() {
        index.write(w -> {
            w.putMessage(inbox, message(1, 1, Flags.NONE, 1000, 10));
            w.putMessage(inbox, message(2, 2, Flags.NONE, 1000, 20));
            w.putMessage(inbox, message(3, 3, Flags.NONE, 999, 20));
            return null;
        });
        assertEquals(List.of(3L, 1L, 2L), sorted(SortCriterion.ARRIVAL));
        assertEquals(List.of(false, false, true), ties(SortCriterion.ARRIVAL));
        assertEquals(List.of(false, false, true), ties(SortCriterion.SIZE));
    }

    private List<Boolean> ties(SortCriterion c) {
        List<Boolean> out = new ArrayList<>();
        index.read(r -> {
            r.sorted(inbox, c, (uid, same) -> out.add(same));
            return null;
        });
        return out;
    }

    @Test
    void everyCriterionHasItsOwnOrder() {
        put(message(1, 1, Flags.NONE), new SortKeys("b", "c", "a", "b", "c", "a", 300));
        put(message(2, 2, Flags.NONE), new SortKeys("a", "b", "c", "a", "b", "c", 100));
        put(message(3, 3, Flags.NONE), new SortKeys("c", "a", "b", "c", "a", "b", 200));
        assertEquals(List.of(2L, 1L, 3L), sorted(SortCriterion.SUBJECT));
        assertEquals(List.of(3L, 2L, 1L), sorted(SortCriterion.FROM));
        assertEquals(List.of(1L, 3L, 2L), sorted(SortCriterion.TO));
        assertEquals(List.of(2L, 1L, 3L), sorted(SortCriterion.CC));
        assertEquals(List.of(3L, 2L, 1L), sorted(SortCriterion.DISPLAYFROM));
        assertEquals(List.of(1L, 3L, 2L), sorted(SortCriterion.DISPLAYTO));
        assertEquals(List.of(2L, 3L, 1L), sorted(SortCriterion.DATE));
    }

    @Test
    void overlongStringsAreTruncatedAndTieByUid() {
        String longA = "\u00e9".repeat(400) + "a";
        String longB = "\u00e9".repeat(400) + "b";
        put(message(2, 1, Flags.NONE), subject(longB));
        put(message(1, 2, Flags.NONE), subject(longA));
        put(message(3, 3, Flags.NONE), subject("\u00e9".repeat(10)));
        // Beyond the key limit the two long subjects are equal, so UID decides.
        assertEquals(List.of(3L, 1L, 2L), sorted(SortCriterion.SUBJECT));
        index.write(w -> {
            w.removeMessage(inbox, 1, 4);
            w.removeMessage(inbox, 2, 5);
            return null;
        });
        assertEquals(List.of(3L), sorted(SortCriterion.SUBJECT));
    }

    @Test
    void removalAndReindexLeaveNoStaleKeys() {
        put(message(1, 1, Flags.NONE, 1000, 10), subject("b"));
        put(message(2, 2, Flags.NONE, 2000, 20), subject("a"));
        // A flag change keeps the keys; a changed size moves the SIZE entry.
        index.write(w -> {
            w.putMessage(inbox, message(1, 3, Flags.of(Flags.SEEN), 1000, 10));
            w.putMessage(inbox, message(2, 4, Flags.NONE, 2000, 5));
            return null;
        });
        assertEquals(List.of(2L, 1L), sorted(SortCriterion.SIZE));
        assertEquals(List.of(2L, 1L), sorted(SortCriterion.SUBJECT));
        index.write(w -> {
            w.removeMessage(inbox, 2, 5);
            return null;
        });
        for (SortCriterion c : SortCriterion.values()) {
            assertEquals(List.of(1L), sorted(c), c.name());
        }
    }

    @Test
    void keysOfThePlacementAreUsedEvenIfTheSummaryGoesAway() {
        MessageInfo m = message(1, 1, Flags.NONE);
        put(m, subject("x"));
        index.write(w -> {
            w.removeBlob(m.guid());
            w.removeMessage(inbox, 1, 2);
            return null;
        });
        for (SortCriterion c : SortCriterion.values()) {
            assertTrue(sorted(c).isEmpty(), c.name());
        }
    }

    @Test
    void messagesWithoutASummaryStillSortAndThread() {
        index.write(w -> {
            w.putMessage(inbox, message(1, 1, Flags.NONE, 5000, 10));
            w.putMessage(inbox, message(2, 2, Flags.NONE, 4000, 10));
            return null;
        });
        assertEquals(List.of(2L, 1L), sorted(SortCriterion.DATE)); // falls back to INTERNALDATE
        assertEquals(List.of(1L, 2L), sorted(SortCriterion.FROM));
        assertEquals(2, index.read(r -> threadKeys(r, inbox)).size());
    }

    @Test
    void summaryIsCachedWithItsKeys() {
        byte[] raw = "Subject: hi\r\n\r\nbody\n".getBytes(StandardCharsets.US_ASCII);
        MessageSummary summary = MessageSummary.parse(MessageContent.of(raw), 12345);
        MessageGuid guid = MessageGuid.random();
        index.write(w -> {
            w.putSummary(guid, summary);
            w.putMessage(inbox, new MessageInfo(9, guid, Flags.NONE, 1, 99, raw.length, summary.virtualSize()));
            return null;
        });
        assertArrayEquals(summary.toBytes(), index.read(r -> r.summary(guid)).orElseThrow());
        assertEquals(Map.of(9L, summary.threadKeys()), index.read(r -> threadKeys(r, inbox)));
        assertEquals(List.of(9L), sorted(SortCriterion.DATE));
        index.write(w -> {
            w.removeBlob(guid);
            return null;
        });
        assertTrue(index.read(r -> r.summary(guid)).isEmpty());
    }

    @Test
    void threadKeysComeBackByUid() {
        ThreadKeys a = new ThreadKeys("a@x", "", List.of(), "hello", false);
        ThreadKeys b = new ThreadKeys("b@x", "a@x", List.of("root@x", "a@x"), "hello", true);
        long big = (1L << 32) - 1;
        put(message(big, 1, Flags.NONE), subject("hello"), b);
        put(message(3, 2, Flags.NONE), subject("hello"), a);
        Map<Long, ThreadKeys> keys = index.read(r -> threadKeys(r, inbox));
        assertEquals(List.of(3L, big), new ArrayList<>(keys.keySet()));
        assertEquals(a, keys.get(3L));
        assertEquals(b, keys.get(big));
    }
}
