package org.loftmail.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.model.UserId;

/**
 * The behaviour every {@link MailStore} must have, as a client would notice it. Subclasses
 * provide a real implementation over a directory; nothing here is mocked.
 */
public abstract class MailStoreContract {
    protected static final UserId ALICE = new UserId("alice@example.org");
    protected static final UserId BOB = new UserId("bob@example.org");

    @TempDir
    protected Path dir;
    protected MailStore store;

    /** A store keeping its users' files under {@code dir}. */
    protected abstract MailStore open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected void reopen() {
        store.close();
        store = open(dir);
    }

    protected static MessageContent message(String subject, String body) {
        return MessageContent.of(("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    protected UserStore alice() {
        return store.user(ALICE);
    }

    protected MailboxGuid inbox() {
        return alice().mailbox(MailboxName.INBOX).orElseThrow().guid();
    }

    @Test
    void newUserHasAnEmptyInbox() {
        List<MailboxInfo> boxes = alice().mailboxes();
        assertEquals(List.of(MailboxName.INBOX), boxes.stream().map(MailboxInfo::name).toList());
        MailboxStatus s = alice().status(inbox());
        assertEquals(0, s.messages());
        assertEquals(1, s.uidNext());
        assertTrue(s.uidValidity() > 0);
    }

    @Test
    void appendReturnsIncreasingUidsAndExactBytes() {
        MessageContent first = message("one", "first body");
        AppendResult a = alice().append(inbox(), first, Flags.NONE, 1_000_000L);
        AppendResult b = alice().append(inbox(), message("two", "second"), Flags.of(Flags.SEEN), 2_000_000L);
        assertEquals(1, a.uid());
        assertEquals(2, b.uid());
        assertTrue(b.modSeq() > a.modSeq());
        assertEquals(alice().status(inbox()).uidValidity(), a.uidValidity());
        assertArrayEquals(first.toByteArray(), alice().content(inbox(), 1).toByteArray());
        MessageInfo info = alice().message(inbox(), 2).orElseThrow();
        assertEquals(Flags.of(Flags.SEEN), info.flags());
        assertEquals(2_000_000L, info.internalDate());
        MailboxStatus s = alice().status(inbox());
        assertEquals(2, s.messages());
        assertEquals(1, s.unseen());
        assertEquals(3, s.uidNext());
        assertEquals(b.modSeq(), s.highestModSeq());
        assertEquals(first.size() + message("two", "second").size(), s.vsize(), "CRLF messages: vsize = bytes");
    }

    @Test
    void virtualSizeCountsBareLfAsCrlf() {
        byte[] lf = "Subject: lf\n\nline one\nline two\n".getBytes(StandardCharsets.US_ASCII);
        alice().append(inbox(), MessageContent.of(lf), Flags.NONE, 0);
        MessageInfo m = alice().message(inbox(), 1).orElseThrow();
        assertEquals(lf.length, m.physicalSize());
        assertEquals(lf.length + 4, m.virtualSize());
        assertArrayEquals(lf, alice().content(inbox(), 1).toByteArray());
    }

    @Test
    void emptyMessageIsRefused() {
        StorageException e = assertThrows(StorageException.class,
                () -> alice().append(inbox(), MessageContent.of(new byte[0]), Flags.NONE, 0));
        assertEquals(StorageException.Kind.INVALID, e.kind());
    }

    @Test
    void createMakesMissingParentsAndRefusesDuplicates() {
        alice().create(MailboxName.of("Work/Projects/Loft"), Set.of());
        assertEquals(List.of("INBOX", "Work", "Work/Projects", "Work/Projects/Loft"),
                alice().mailboxes().stream().map(m -> m.name().value()).toList());
        StorageException e = assertThrows(StorageException.class,
                () -> alice().create(MailboxName.of("Work"), Set.of()));
        assertEquals(StorageException.Kind.ALREADY_EXISTS, e.kind());
    }

    @Test
    void specialUseIsKept() {
        alice().create(MailboxName.of("Sent"), Set.of(SpecialUse.SENT));
        reopen();
        assertEquals(Set.of(SpecialUse.SENT), alice().mailbox(MailboxName.of("Sent")).orElseThrow().specialUse());
    }

    @Test
    void renameMovesChildrenAndKeepsIdentity() {
        MailboxInfo work = alice().create(MailboxName.of("Work"), Set.of());
        alice().create(MailboxName.of("Work/A"), Set.of());
        alice().append(work.guid(), message("w", "x"), Flags.NONE, 0);
        alice().rename(MailboxName.of("Work"), MailboxName.of("Archive/2026"));
        assertEquals(List.of("Archive", "Archive/2026", "Archive/2026/A", "INBOX"),
                alice().mailboxes().stream().map(m -> m.name().value()).toList());
        MailboxInfo renamed = alice().mailbox(MailboxName.of("Archive/2026")).orElseThrow();
        assertEquals(work.guid(), renamed.guid());
        assertEquals(work.uidValidity(), renamed.uidValidity());
        assertEquals(1, alice().status(renamed.guid()).messages());
    }

    @Test
    void renameToExistingNameOrBelowItselfFails() {
        alice().create(MailboxName.of("A"), Set.of());
        alice().create(MailboxName.of("B"), Set.of());
        assertThrows(StorageException.class, () -> alice().rename(MailboxName.of("A"), MailboxName.of("B")));
        assertThrows(StorageException.class, () -> alice().rename(MailboxName.of("A"), MailboxName.of("A/C")));
        assertThrows(StorageException.class, () -> alice().rename(MailboxName.of("Nope"), MailboxName.of("C")));
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        alice().append(inbox(), message("a", "1"), Flags.NONE, 0);
        alice().append(inbox(), message("b", "2"), Flags.NONE, 0);
        alice().rename(MailboxName.INBOX, MailboxName.of("Old"));
        assertEquals(0, alice().status(inbox()).messages());
        MailboxInfo old = alice().mailbox(MailboxName.of("Old")).orElseThrow();
        assertEquals(2, alice().status(old.guid()).messages());
    }

    @Test
    void deleteRemovesMessagesAndRecreateGetsNewIdentity() {
        MailboxInfo box = alice().create(MailboxName.of("Tmp"), Set.of());
        alice().append(box.guid(), message("t", "x"), Flags.NONE, 0);
        alice().delete(MailboxName.of("Tmp"));
        assertTrue(alice().mailbox(MailboxName.of("Tmp")).isEmpty());
        MailboxInfo again = alice().create(MailboxName.of("Tmp"), Set.of());
        assertNotEquals(box.guid(), again.guid());
        assertNotEquals(box.uidValidity(), again.uidValidity());
        assertEquals(0, alice().status(again.guid()).messages());
    }

    @Test
    void deleteRefusesInboxAndMailboxesWithChildren() {
        alice().create(MailboxName.of("P/C"), Set.of());
        assertThrows(StorageException.class, () -> alice().delete(MailboxName.INBOX));
        assertThrows(StorageException.class, () -> alice().delete(MailboxName.of("P")));
        assertThrows(StorageException.class, () -> alice().delete(MailboxName.of("Missing")));
        alice().delete(MailboxName.of("P/C"));
        alice().delete(MailboxName.of("P"));
        assertEquals(1, alice().mailboxes().size());
    }

    @Test
    void storeChangesFlagsAndModseqOnlyWhenSomethingChanged() {
        alice().append(inbox(), message("a", "1"), Flags.NONE, 0);
        alice().append(inbox(), message("b", "2"), Flags.of(Flags.SEEN), 0);
        long before = alice().status(inbox()).highestModSeq();
        List<MessageInfo> after = alice().store(inbox(), List.of(1L, 2L, 99L),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN, "$Important")));
        assertEquals(2, after.size());
        assertEquals(Flags.of(Flags.SEEN, "$Important"), alice().message(inbox(), 1).orElseThrow().flags());
        assertEquals(0, alice().status(inbox()).unseen());
        assertTrue(alice().status(inbox()).highestModSeq() > before);
        long mid = alice().status(inbox()).highestModSeq();
        alice().store(inbox(), List.of(1L), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)));
        assertEquals(mid, alice().status(inbox()).highestModSeq(), "a no-op STORE must not bump modseq");
        alice().store(inbox(), List.of(1L, 2L), new FlagUpdate(FlagUpdate.Mode.REMOVE, Flags.of(Flags.SEEN)));
        assertEquals(2, alice().status(inbox()).unseen());
        alice().store(inbox(), List.of(2L), new FlagUpdate(FlagUpdate.Mode.REPLACE, Flags.of(Flags.FLAGGED)));
        assertEquals(Flags.of(Flags.FLAGGED), alice().message(inbox(), 2).orElseThrow().flags());
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAloneInTheSameTransaction() {
        for (int i = 0; i < 3; i++) {
            alice().append(inbox(), message("m" + i, "x"), Flags.NONE, 0);
        }
        long mid = alice().status(inbox()).highestModSeq();
        alice().store(inbox(), List.of(2L), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.FLAGGED)));
        ConditionalStore r = alice().store(inbox(), List.of(1L, 2L, 3L),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), mid);
        assertEquals(List.of(2L), r.modified());
        assertEquals(List.of(1L, 3L), r.messages().stream().map(MessageInfo::uid).toList());
        assertEquals(Flags.of(Flags.FLAGGED), alice().message(inbox(), 2).orElseThrow().flags());
        assertEquals(Flags.of(Flags.DELETED), alice().message(inbox(), 3).orElseThrow().flags());
        // UNCHANGEDSINCE 0 fails for every message: each has a modseq of at least 1.
        assertEquals(List.of(1L, 2L, 3L), alice().store(inbox(), List.of(1L, 2L, 3L),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)), 0).modified());
    }

    @Test
    void viewHasUidsFirstUnseenAndKeywordsWithoutFullRecords() {
        alice().append(inbox(), message("a", "1"), Flags.of(Flags.SEEN), 0);
        alice().append(inbox(), message("b", "2"), Flags.of(Flags.SEEN, "$Work"), 0);
        alice().append(inbox(), message("c", "3"), Flags.NONE, 0);
        alice().append(inbox(), message("d", "4"), Flags.of(0, "todo"), 0);
        alice().expunge(inbox(), List.of(1L));
        MailboxView v = alice().view(inbox());
        assertArrayEquals(new long[] {2, 3, 4}, v.uids());
        assertEquals(2, v.firstUnseen(), "sequence number of the first message without \\Seen");
        assertEquals(Set.of("$Work", "todo"), Set.copyOf(v.keywords()));
        alice().store(inbox(), List.of(3L, 4L), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)));
        assertEquals(0, alice().view(inbox()).firstUnseen());
    }

    @Test
    void changedSinceAndExpungedSinceFollowModseqs() {
        for (int i = 0; i < 4; i++) {
            alice().append(inbox(), message("m" + i, "x"), Flags.NONE, 0);
        }
        long mark = alice().status(inbox()).highestModSeq();
        alice().store(inbox(), List.of(3L), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)));
        alice().expunge(inbox(), List.of(2L));
        alice().append(inbox(), message("new", "y"), Flags.NONE, 0);
        assertEquals(List.of(3L, 5L), alice().changedSince(inbox(), mark).stream().map(MessageInfo::uid).toList());
        assertEquals(List.of(2L), alice().expungedSince(inbox(), mark));
        assertEquals(List.of(), alice().expungedSince(inbox(), alice().status(inbox()).highestModSeq()));
        reopen();
        assertEquals(List.of(2L), alice().expungedSince(inbox(), mark));
    }

    @Test
    void expungeRemovesAndUidsAreNeverReused() {
        for (int i = 0; i < 3; i++) {
            alice().append(inbox(), message("m" + i, "x"), Flags.NONE, 0);
        }
        assertEquals(List.of(1L, 3L), alice().expunge(inbox(), List.of(1L, 3L, 42L)));
        assertEquals(List.of(2L), alice().messages(inbox(), 1, Long.MAX_VALUE).stream().map(MessageInfo::uid).toList());
        assertEquals(4, alice().append(inbox(), message("new", "y"), Flags.NONE, 0).uid());
        assertThrows(StorageException.class, () -> alice().content(inbox(), 1));
        reopen();
        assertEquals(5, alice().append(inbox(), message("newer", "z"), Flags.NONE, 0).uid());
    }

    @Test
    void copyAddsToTargetAndKeepsSource() {
        MessageContent m = message("c", "copy me");
        alice().append(inbox(), m, Flags.of(Flags.FLAGGED, "work"), 123_000L);
        MailboxInfo target = alice().create(MailboxName.of("Target"), Set.of());
        alice().append(target.guid(), message("t", "already there"), Flags.NONE, 0);
        CopyResult r = alice().copy(inbox(), List.of(1L), target.guid());
        assertEquals(List.of(1L), r.sourceUids());
        assertEquals(List.of(2L), r.targetUids());
        assertEquals(target.uidValidity(), r.uidValidity());
        MessageInfo copied = alice().message(target.guid(), 2).orElseThrow();
        assertEquals(Flags.of(Flags.FLAGGED, "work"), copied.flags());
        assertEquals(123_000L, copied.internalDate());
        assertArrayEquals(m.toByteArray(), alice().content(target.guid(), 2).toByteArray());
        assertEquals(1, alice().status(inbox()).messages());
        alice().expunge(inbox(), List.of(1L));
        assertArrayEquals(m.toByteArray(), alice().content(target.guid(), 2).toByteArray(),
                "expunging the original must not lose the copy");
    }

    @Test
    void copyWithinOneMailboxMakesADuplicate() {
        alice().append(inbox(), message("d", "dup"), Flags.NONE, 0);
        CopyResult r = alice().copy(inbox(), List.of(1L), inbox());
        assertEquals(List.of(2L), r.targetUids());
        assertEquals(2, alice().status(inbox()).messages());
    }

    @Test
    void moveRemovesFromSource() {
        alice().append(inbox(), message("a", "1"), Flags.NONE, 0);
        alice().append(inbox(), message("b", "2"), Flags.NONE, 0);
        MailboxInfo archive = alice().create(MailboxName.of("Archive"), Set.of());
        CopyResult r = alice().move(inbox(), List.of(2L, 1L), archive.guid());
        assertEquals(List.of(1L, 2L), r.sourceUids());
        assertEquals(List.of(1L, 2L), r.targetUids());
        assertEquals(0, alice().status(inbox()).messages());
        assertEquals(2, alice().status(archive.guid()).messages());
        assertThrows(StorageException.class, () -> alice().move(archive.guid(), List.of(1L), archive.guid()));
    }

    @Test
    void subscriptionsMayNameMissingMailboxes() {
        alice().subscribe(MailboxName.of("Lists/loft"), true);
        alice().subscribe(MailboxName.INBOX, true);
        assertEquals(List.of(MailboxName.INBOX, MailboxName.of("Lists/loft")), alice().subscriptions());
        alice().subscribe(MailboxName.INBOX, false);
        assertEquals(List.of(MailboxName.of("Lists/loft")), alice().subscriptions());
    }

    @Test
    void usersAreIsolated() {
        alice().append(inbox(), message("private", "for alice"), Flags.NONE, 0);
        UserStore bob = store.user(BOB);
        MailboxGuid bobInbox = bob.mailbox(MailboxName.INBOX).orElseThrow().guid();
        assertEquals(0, bob.status(bobInbox).messages());
        assertThrows(StorageException.class, () -> bob.status(inbox()));
        assertTrue(bob.message(inbox(), 1).isEmpty());
    }

    @Test
    void everythingSurvivesReopen() {
        MailboxInfo box = alice().create(MailboxName.of("Keep"), Set.of());
        MessageContent m = message("k", "kept");
        alice().append(box.guid(), m, Flags.of(Flags.ANSWERED), 42_000L);
        MailboxStatus before = alice().status(box.guid());
        reopen();
        assertEquals(before, alice().status(box.guid()));
        assertArrayEquals(m.toByteArray(), alice().content(box.guid(), 1).toByteArray());
        assertEquals(Flags.of(Flags.ANSWERED), alice().message(box.guid(), 1).orElseThrow().flags());
    }

    @Test
    void concurrentAppendsGetUniqueUidsAndAllArrive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> alice().append(inbox(), message("c" + n, "body " + n), Flags.NONE, 0)));
            }
            List<Long> uids = new ArrayList<>();
            for (Future<AppendResult> f : results) {
                uids.add(f.get().uid());
            }
            Collections.sort(uids);
            for (int i = 0; i < uids.size(); i++) {
                assertEquals(i + 1, uids.get(i));
            }
            assertEquals(400, alice().status(inbox()).messages());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void summaryIsComputedAtSave() {
        MessageContent m = message("sum", "summary body");
        alice().append(inbox(), m, Flags.NONE, 0);
        assertEquals(m.size(), alice().summary(inbox(), 1).physicalSize());
        assertFalse(alice().summary(inbox(), 1).envelope().isEmpty());
    }
}
