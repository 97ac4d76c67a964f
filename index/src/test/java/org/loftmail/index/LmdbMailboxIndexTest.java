package org.loftmail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.loftmail.core.mime.SortKeys;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.MailboxCounts;

class LmdbMailboxIndexTest extends IndexFixture {
    private static ChangeRecord change(ChangeRecord.Type type, MailboxGuid mailbox, long uid) {
        return new ChangeRecord(0, type, mailbox, uid, uid == 0 ? null : new MessageGuid(1, uid), uid);
    }

    @Test
    void changeLogSeqsIncreaseAndSurviveReopen() {
        open();
        MailboxGuid g = MailboxGuid.random();
        assertEquals(0L, (long) index.read(r -> r.lastChangeSeq()));
        List<Long> seqs = index.write(w -> List.of(
                w.appendChange(change(ChangeRecord.Type.MAILBOX_CREATE, g, 0)),
                w.appendChange(change(ChangeRecord.Type.APPEND, g, 1)),
                w.appendChange(change(ChangeRecord.Type.APPEND, g, 2))));
        assertEquals(List.of(1L, 2L, 3L), seqs);
        reopen();
        assertEquals(3L, (long) index.read(r -> r.lastChangeSeq()));
        assertEquals(4L, (long) index.write(w -> w.appendChange(change(ChangeRecord.Type.EXPUNGE, g, 1))));

        List<ChangeRecord> all = index.read(r -> r.changes(0, 100));
        assertEquals(List.of(1L, 2L, 3L, 4L), all.stream().map(ChangeRecord::seq).toList());
        assertEquals(change(ChangeRecord.Type.APPEND, g, 2).withSeq(3), all.get(2));
        assertEquals(change(ChangeRecord.Type.MAILBOX_CREATE, g, 0).withSeq(1), all.get(0));
        assertEquals(List.of(2L, 3L), index.read(r -> r.changes(1, 2)).stream().map(ChangeRecord::seq).toList());
        assertTrue(index.read(r -> r.changes(4, 10)).isEmpty());
        assertTrue(index.read(r -> r.changes(0, 0)).isEmpty());
    }

    @Test
    void anExceptionInsideWriteLeavesNothingWritten() {
        open();
        MailboxGuid g = createMailbox("INBOX");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> index.write(w -> {
            w.putMessage(g, message(1, 1, Flags.NONE));
            w.putMailbox(mailbox(MailboxGuid.random(), "other"));
            w.appendChange(change(ChangeRecord.Type.APPEND, g, 1));
            w.putBlob(new BlobEntry(new MessageGuid(0, 1), new BlobLocation(1, 0, 10), 1));
            w.setTail(new BlobLocation(1, 0, 10));
            w.addLiveBytes(1, 10);
            // Reads inside the transaction see its writes.
            assertEquals(1, w.counts(g).messages());
            assertTrue(w.mailbox(MailboxName.of("other")).isPresent());
            throw boom;
        }));
        assertSame(boom, thrown);
        index.read(r -> {
            assertEquals(MailboxCounts.ZERO, r.counts(g));
            assertEquals(Optional.empty(), r.message(g, 1));
            assertEquals(Optional.empty(), r.mailbox(MailboxName.of("other")));
            assertEquals(0, r.lastChangeSeq());
            assertEquals(Optional.empty(), r.blob(new MessageGuid(0, 1)));
            assertEquals(Optional.empty(), r.tail());
            assertTrue(r.liveBytes().isEmpty());
            List<Long> sorted = new java.util.ArrayList<>();
            r.sorted(g, SortCriterion.ARRIVAL, (uid, same) -> sorted.add(uid));
            assertTrue(sorted.isEmpty());
            return null;
        });
    }

    @Test
    void blobsTailAndLiveBytes() {
        open();
        MessageGuid m = MessageGuid.random();
        BlobEntry entry = new BlobEntry(m, new BlobLocation(7, 1L << 34, 12345), 2);
        index.write(w -> {
            w.putBlob(entry);
            w.setTail(new BlobLocation(7, 1L << 34, 12345));
            w.addLiveBytes(7, 12345);
            w.addLiveBytes(7, 100);
            w.addLiveBytes(-1, 5); // unsigned order puts this last
            w.addLiveBytes(3, 1);
            return null;
        });
        index.read(r -> {
            assertEquals(Optional.of(entry), r.blob(m));
            assertEquals(Optional.of(new BlobLocation(7, 1L << 34, 12345)), r.tail());
            assertEquals(Map.of(3, 1L, 7, 12445L, -1, 5L), r.liveBytes());
            assertEquals(List.of(3, 7, -1), List.copyOf(r.liveBytes().keySet()));
            return null;
        });
        index.write(w -> {
            w.putBlob(new BlobEntry(m, entry.location(), 1));
            w.addLiveBytes(7, -12445);
            w.removeFile(3);
            return null;
        });
        index.read(r -> {
            assertEquals(1, r.blob(m).orElseThrow().refCount());
            assertEquals(Map.of(7, 0L, -1, 5L), r.liveBytes());
            return null;
        });
        index.write(w -> {
            w.removeBlob(m);
            return null;
        });
        assertEquals(Optional.empty(), index.read(r -> r.blob(m)));
    }

    @Test
    void reopenSeesCommittedData() {
        open();
        MailboxGuid g = createMailbox("INBOX");
        index.write(w -> {
            w.putMessage(g, message(1, 1, Flags.of(Flags.SEEN, "Work")));
            w.putMessage(g, message(2, 2, Flags.NONE));
            w.subscribe(MailboxName.INBOX, true);
            return null;
        });
        reopen();
        index.read(r -> {
            assertEquals(List.of(MailboxName.INBOX), r.mailboxes().stream().map(m -> m.name()).toList());
            assertEquals(Optional.of(message(1, 1, Flags.of(Flags.SEEN, "work"))), r.message(g, 1));
            assertEquals(new MailboxCounts(2, 1, 203), r.counts(g));
            assertEquals(List.of(MailboxName.INBOX), r.subscriptions());
            return null;
        });
    }

    @Test
    void mapGrowsWhenFullAndKeepsEverything() {
        index = LmdbMailboxIndex.factory(1L << 20).open(dir);
        long initial = ((LmdbMailboxIndex) index).mapSize();
        MailboxGuid g = createMailbox("INBOX");
        String pad = "p".repeat(2000);
        int n = 2000;
        int[] runs = new int[1];
        for (int batch = 0; batch < n / 500; batch++) {
            int base = batch * 500;
            index.write(w -> {
                runs[0]++;
                for (int i = 1; i <= 500; i++) {
                    MessageInfo m = message(base + i, base + i, Flags.NONE);
                    ((LmdbIndexWriter) w).putKeys(m.guid(), new MessageKeys(
                            new SortKeys("s" + (base + i), pad, "", "", "", "", 0),
                            new ThreadKeys("id" + (base + i), "", List.of(pad), "", false)));
                    w.putMessage(g, m);
                }
                return null;
            });
        }
        long grown = ((LmdbMailboxIndex) index).mapSize();
        assertTrue(grown > initial, "map grew from " + initial + " to " + grown);
        assertTrue(runs[0] > n / 500, "some write was retried after growing");
        reopen();
        index.read(r -> {
            assertEquals(n, r.counts(g).messages());
            int[] seen = new int[1];
            r.messages(g, 0, Long.MAX_VALUE, m -> ++seen[0] > 0);
            assertEquals(n, seen[0]);
            assertEquals(n, threadKeys(r, g).size());
            long[] last = {0};
            r.sorted(g, SortCriterion.SUBJECT, (uid, same) -> {
                last[0] = uid;
                return true;
            });
            assertEquals(999, last[0]); // "s999" is the greatest string
            return null;
        });
    }

    @Test
    void writeIsRetriedEvenIfTheCallerReplacedTheMapFullException() {
        index = LmdbMailboxIndex.factory(1L << 20).open(dir);
        MailboxGuid g = createMailbox("INBOX");
        index.write(w -> {
            try {
                for (int i = 1; i <= 3000; i++) {
                    w.putMessage(g, message(i, i, Flags.NONE));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("replaced, cause dropped");
            }
            return null;
        });
        assertEquals(3000, index.read(r -> r.counts(g)).messages());
        assertTrue(((LmdbMailboxIndex) index).mapSize() > 1L << 20);
    }

    @Test
    void closedIndexRefusesWork() {
        open();
        index.close();
        StorageException e = assertThrows(StorageException.class, () -> index.read(r -> r.lastChangeSeq()));
        assertTrue(e.temporary());
        index.close(); // idempotent
        index = null;
    }

    /** Not a benchmark: checks 100k inserts in 1000-message batches complete. Opt-in. */
    @Test
    @EnabledIfSystemProperty(named = "loft.index.scale", matches = "true")
    void hundredThousandMessagesInBatches() {
        open();
        MailboxGuid g = createMailbox("INBOX");
        long start = System.nanoTime();
        for (int batch = 0; batch < 100; batch++) {
            int base = batch * 1000;
            index.write(w -> {
                for (int i = 1; i <= 1000; i++) {
                    w.putMessage(g, message(base + i, base + i, Flags.NONE));
                }
                return null;
            });
        }
        System.out.printf("100k inserts: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(100_000, index.read(r -> r.counts(g)).messages());
        index.close();
        start = System.nanoTime();
        open();
        System.out.printf("reopen: %d us%n", (System.nanoTime() - start) / 1_000);
    }
}
