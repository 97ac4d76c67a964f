package org.loftmail.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.MailboxCounts;

class MailboxTablesTest extends IndexFixture {
    @BeforeEach
    void setUp() {
        open();
    }

    @Test
    void putAndGetByGuidAndName() {
        MailboxGuid g = MailboxGuid.random();
        MailboxInfo info = new MailboxInfo(g, MailboxName.of("Sent"), 77, 12, 345,
                EnumSet.of(SpecialUse.SENT, SpecialUse.TRASH));
        index.write(w -> {
            w.putMailbox(info);
            return null;
        });
        assertEquals(Optional.of(info), index.read(r -> r.mailbox(g)));
        assertEquals(Optional.of(info), index.read(r -> r.mailbox(MailboxName.of("Sent"))));
        assertEquals(Optional.empty(), index.read(r -> r.mailbox(MailboxName.of("sent"))));
        assertEquals(Optional.empty(), index.read(r -> r.mailbox(MailboxGuid.random())));
    }

    @Test
    void mailboxesAreSortedByName() {
        createMailbox("b");
        createMailbox("INBOX");
        createMailbox("a/c");
        createMailbox("a");
        List<String> names = index.read(r -> r.mailboxes().stream().map(m -> m.name().value()).toList());
        assertEquals(List.of("INBOX", "a", "a/c", "b"), names);
    }

    @Test
    void putMailboxWithNewNameRenames() {
        MailboxGuid g = createMailbox("old");
        index.write(w -> {
            w.putMailbox(mailbox(g, "new"));
            return null;
        });
        assertEquals(Optional.empty(), index.read(r -> r.mailbox(MailboxName.of("old"))));
        assertEquals(g, index.read(r -> r.mailbox(MailboxName.of("new"))).orElseThrow().guid());
        assertEquals(1, index.read(r -> r.mailboxes()).size());
        // The old name is free again.
        MailboxGuid other = createMailbox("old");
        assertEquals(other, index.read(r -> r.mailbox(MailboxName.of("old"))).orElseThrow().guid());
    }

    @Test
    void metadataIsPerMailboxAndGoesWithTheMailbox() {
        MailboxGuid work = createMailbox("Work");
        MailboxGuid home = createMailbox("Home");
        index.write(w -> {
            w.putMetadata(work, "/private/comment", new byte[] {1, 2});
            w.putMetadata(work, "/shared/x", new byte[] {3});
            w.putMetadata(home, "/private/comment", new byte[] {4});
            w.putMetadata(null, "/shared/admin", new byte[] {5});
            return null;
        });
        assertEquals(List.of("/private/comment", "/shared/x"),
                List.copyOf(index.read(r -> r.metadata(work)).keySet()));
        index.write(w -> {
            w.putMetadata(work, "/shared/x", null);
            w.deleteMailbox(home);
            return null;
        });
        assertEquals(List.of("/private/comment"), List.copyOf(index.read(r -> r.metadata(work)).keySet()));
        assertTrue(index.read(r -> r.metadata(home)).isEmpty());
        assertArrayEquals(new byte[] {5}, index.read(r -> r.metadata(null)).get("/shared/admin"));
    }

    @Test
    void namesAreUnique() {
        MailboxGuid first = createMailbox("Work");
        StorageException e = assertThrows(StorageException.class, () -> createMailbox("Work"));
        assertEquals(StorageException.Kind.ALREADY_EXISTS, e.kind());
        MailboxGuid second = createMailbox("Play");
        e = assertThrows(StorageException.class, () -> index.write(w -> {
            w.putMailbox(mailbox(second, "Work"));
            return null;
        }));
        assertEquals(StorageException.Kind.ALREADY_EXISTS, e.kind());
        assertEquals(first, index.read(r -> r.mailbox(MailboxName.of("Work"))).orElseThrow().guid());
        assertEquals(2, index.read(r -> r.mailboxes()).size());
    }

    @Test
    void namesLongerThanAnLmdbKeyWork() {
        String longName = "x".repeat(300) + "/" + "\u00e9".repeat(300);
        String sibling = "x".repeat(300) + "/" + "\u00e9".repeat(299) + "f";
        MailboxGuid a = createMailbox(longName);
        MailboxGuid b = createMailbox(sibling);
        assertEquals(a, index.read(r -> r.mailbox(MailboxName.of(longName))).orElseThrow().guid());
        assertEquals(b, index.read(r -> r.mailbox(MailboxName.of(sibling))).orElseThrow().guid());
        assertThrows(StorageException.class, () -> createMailbox(longName));
        index.write(w -> {
            w.subscribe(MailboxName.of(longName), true);
            return null;
        });
        assertEquals(List.of(MailboxName.of(longName)), index.read(r -> r.subscriptions()));
    }

    @Test
    void deleteRemovesEverythingKeyedByTheMailbox() {
        MailboxGuid keep = createMailbox("keep");
        MailboxGuid gone = createMailbox("gone");
        index.write(w -> {
            for (MailboxGuid g : List.of(keep, gone)) {
                for (long uid = 1; uid <= 5; uid++) {
                    w.putMessage(g, message(uid, uid, Flags.NONE));
                }
                w.removeMessage(g, 5, 6);
            }
            return null;
        });
        index.write(w -> {
            w.deleteMailbox(gone);
            return null;
        });
        index.read(r -> {
            assertEquals(Optional.empty(), r.mailbox(gone));
            assertEquals(Optional.empty(), r.mailbox(MailboxName.of("gone")));
            assertEquals(MailboxCounts.ZERO, r.counts(gone));
            assertEquals(Optional.empty(), r.message(gone, 1));
            int[] seen = new int[1];
            r.messages(gone, 0, Long.MAX_VALUE, m -> ++seen[0] > 0);
            r.changedSince(gone, 0, m -> ++seen[0] > 0);
            for (SortCriterion c : SortCriterion.values()) {
                r.sorted(gone, c, (uid, same) -> ++seen[0] > 0);
            }
            assertEquals(0, seen[0]);
            assertTrue(r.expungedSince(gone, 0).isEmpty());
            assertTrue(threadKeys(r, gone).isEmpty());

            assertEquals(new MailboxCounts(4, 4, 4 * 100 + 1 + 2 + 3 + 4), r.counts(keep));
            assertEquals(List.of(5L), r.expungedSince(keep, 0));
            assertEquals(4, threadKeys(r, keep).size());
            List<Long> sorted = new java.util.ArrayList<>();
            r.sorted(keep, SortCriterion.SUBJECT, (uid, same) -> sorted.add(uid));
            assertEquals(List.of(1L, 2L, 3L, 4L), sorted);
            return null;
        });
        // The name can be reused and the new mailbox starts empty.
        MailboxGuid again = createMailbox("gone");
        assertEquals(MailboxCounts.ZERO, index.read(r -> r.counts(again)));
    }

    @Test
    void deletingAnUnknownMailboxIsANoOp() {
        MailboxGuid keep = createMailbox("keep");
        index.write(w -> {
            w.deleteMailbox(MailboxGuid.random());
            return null;
        });
        assertTrue(index.read(r -> r.mailbox(keep)).isPresent());
    }

    @Test
    void subscriptionsAreIndependentOfMailboxes() {
        index.write(w -> {
            w.subscribe(MailboxName.of("b"), true);
            w.subscribe(MailboxName.of("a"), true);
            w.subscribe(MailboxName.of("c"), true);
            w.subscribe(MailboxName.of("c"), false);
            w.subscribe(MailboxName.of("never"), false);
            return null;
        });
        assertEquals(List.of(MailboxName.of("a"), MailboxName.of("b")), index.read(r -> r.subscriptions()));
        assertFalse(index.read(r -> r.mailbox(MailboxName.of("a"))).isPresent());
    }
}
