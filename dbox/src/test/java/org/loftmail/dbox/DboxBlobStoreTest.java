package org.loftmail.dbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;

class DboxBlobStoreTest {
    @TempDir
    Path dir;

    private BlobStore open(long rotateSize) {
        return DboxBlobStore.factory(new DboxOptions(rotateSize, true)).open(dir);
    }

    @Test
    void roundTripOfAllRecordTypes() {
        try (BlobStore store = open(DboxOptions.DEFAULT_ROTATE_SIZE)) {
            BlobRecord.Message m1 = Records.message(1, Records.body(1));
            BlobRecord.Message m2 = Records.message(2, "");
            BlobRecord.Placement p = new BlobRecord.Placement(m1.guid(), Records.INBOX, 7);
            BlobRecord.Expunge x = new BlobRecord.Expunge(m1.guid(), Records.INBOX, 1);
            List<BlobRecord> in = List.of(m1, m2, p, x);
            List<BlobLocation> locs = store.append(in);

            assertEquals(4, locs.size());
            assertEquals(1, store.currentFile());
            assertEquals(List.of(1), store.files());
            assertEquals(locs.get(3).end(), store.fileSize(1));
            assertArrayEquals(Records.body(1).getBytes(StandardCharsets.UTF_8), store.read(locs.get(0)).toByteArray());
            assertEquals(0, store.read(locs.get(1)).size());

            Records.Collector seen = new Records.Collector();
            store.scan(1, seen);
            assertEquals(List.of(), seen.corrupt);
            assertEquals(4, seen.records.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(locs.get(i), seen.records.get(i).location());
                assertSameRecord(in.get(i), seen.records.get(i).record());
            }
            assertArrayEquals(Records.body(1).getBytes(StandardCharsets.UTF_8), seen.records.get(0).body());
        }
    }

    static void assertSameRecord(BlobRecord expected, BlobRecord actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.guid(), actual.guid());
        assertEquals(expected.mailbox(), actual.mailbox());
        assertEquals(expected.uid(), actual.uid());
        if (expected instanceof BlobRecord.Message e) {
            BlobRecord.Message a = (BlobRecord.Message) actual;
            assertEquals(e.receivedDate(), a.receivedDate());
            assertEquals(e.virtualSize(), a.virtualSize());
            assertEquals(e.flags(), a.flags());
            assertEquals(e.content().size(), a.content().size());
        }
    }

    @Test
    void readOfANonMessageRecordIsCorrupt() {
        try (BlobStore store = open(DboxOptions.DEFAULT_ROTATE_SIZE)) {
            BlobLocation loc = store.append(List.of(new BlobRecord.Placement(MessageGuid.random(), Records.INBOX, 3))).get(0);
            StorageException e = assertThrows(StorageException.class, () -> store.read(loc));
            assertEquals(StorageException.Kind.CORRUPT, e.kind());
            BlobLocation beyond = new BlobLocation(1, loc.offset(), loc.length() + 100);
            assertEquals(StorageException.Kind.CORRUPT, assertThrows(StorageException.class, () -> store.read(beyond)).kind());
            assertEquals(StorageException.Kind.NOT_FOUND,
                    assertThrows(StorageException.class, () -> store.read(new BlobLocation(9, 20, 100))).kind());
        }
    }

    @Test
    void rotatesBetweenRecordsAndGivesBigRecordsTheirOwnFile() {
        try (BlobStore store = open(400)) {
            List<BlobLocation> locs = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                locs.addAll(store.append(List.of(Records.message(i, Records.body(i)))));
            }
            String big = "X".repeat(1000);
            BlobLocation bigLoc = store.append(List.of(Records.message(11, big))).get(0);
            BlobLocation after = store.append(List.of(Records.message(12, Records.body(12)))).get(0);

            assertTrue(store.files().size() >= 4, "files: " + store.files());
            for (int n : store.files()) {
                if (n != bigLoc.file()) {
                    assertTrue(store.fileSize(n) <= 400, "m." + n + " is " + store.fileSize(n));
                }
            }
            assertEquals(DboxRecordFormat.FILE_HEADER_SIZE, bigLoc.offset(), "a big record starts a new file");
            assertEquals(bigLoc.file() + 1, after.file(), "and the next record rotates away from it");
            assertEquals(after.file(), store.currentFile());
            for (int i = 0; i < 10; i++) {
                assertEquals(Records.body(i + 1), new String(store.read(locs.get(i)).toByteArray(), StandardCharsets.UTF_8));
            }
            assertEquals(big, new String(store.read(bigLoc).toByteArray(), StandardCharsets.UTF_8));

            int total = 0;
            for (int n : store.files()) {
                Records.Collector c = new Records.Collector();
                store.scan(n, c);
                assertEquals(List.of(), c.corrupt);
                total += c.records.size();
            }
            assertEquals(12, total);
        }
    }

    @Test
    void reopenContinuesTheNewestFile() {
        BlobLocation first;
        try (BlobStore store = open(DboxOptions.DEFAULT_ROTATE_SIZE)) {
            first = store.append(List.of(Records.message(1, Records.body(1)))).get(0);
        }
        try (BlobStore store = open(DboxOptions.DEFAULT_ROTATE_SIZE)) {
            BlobLocation second = store.append(List.of(Records.message(2, Records.body(2)))).get(0);
            assertEquals(first.end(), second.offset());
            assertEquals(Records.body(1), new String(store.read(first).toByteArray(), StandardCharsets.UTF_8));
            Records.Collector c = new Records.Collector();
            store.scan(1, c);
            assertEquals(2, c.records.size());
        }
    }

    @Test
    void truncateDropsUncommittedBytesAndLaterFiles() {
        try (BlobStore store = open(300)) {
            List<BlobLocation> locs = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                locs.addAll(store.append(List.of(Records.message(i, Records.body(i)))));
            }
            assertTrue(store.files().size() >= 3, "files: " + store.files());
            BlobLocation tail = locs.get(2);
            store.truncate(tail);

            assertEquals(tail.file(), store.currentFile());
            assertEquals(tail.end(), store.fileSize(tail.file()));
            assertTrue(store.files().stream().allMatch(n -> n <= tail.file()), "files: " + store.files());

            BlobLocation next = store.append(List.of(Records.message(9, Records.body(9)))).get(0);
            assertTrue(next.file() > tail.file() || next.offset() == tail.end());
            assertEquals(Records.body(9), new String(store.read(next).toByteArray(), StandardCharsets.UTF_8));
            assertEquals(Records.body(3), new String(store.read(tail).toByteArray(), StandardCharsets.UTF_8));
            int total = 0;
            for (int n : store.files()) {
                Records.Collector c = new Records.Collector();
                store.scan(n, c);
                assertEquals(List.of(), c.corrupt);
                total += c.records.size();
            }
            assertEquals(4, total);
        }
    }

    @Test
    void truncateNullEmptiesEverything() {
        try (BlobStore store = open(300)) {
            for (int i = 1; i <= 5; i++) {
                store.append(List.of(Records.message(i, Records.body(i))));
            }
            store.truncate(null);
            assertEquals(List.of(), store.files());
            BlobLocation loc = store.append(List.of(Records.message(6, Records.body(6)))).get(0);
            assertEquals(new BlobLocation(1, DboxRecordFormat.FILE_HEADER_SIZE, loc.length()), loc);
            assertEquals(Records.body(6), new String(store.read(loc).toByteArray(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void deleteRemovesSealedFilesButNotTheCurrentOne() {
        try (BlobStore store = open(300)) {
            for (int i = 1; i <= 5; i++) {
                store.append(List.of(Records.message(i, Records.body(i))));
            }
            store.delete(1);
            assertTrue(!store.files().contains(1));
            assertTrue(!Files.exists(dir.resolve("storage/m.1")));
            int current = store.currentFile();
            assertEquals(StorageException.Kind.INVALID, assertThrows(StorageException.class, () -> store.delete(current)).kind());
        }
    }

    @Test
    void contentShorterThanAnnouncedIsRejectedAndLeavesNoTrace() {
        try (BlobStore store = open(DboxOptions.DEFAULT_ROTATE_SIZE)) {
            BlobLocation ok = store.append(List.of(Records.message(1, Records.body(1)))).get(0);
            MessageContent lying = new MessageContent() {
                @Override
                public long size() {
                    return 100;
                }

                @Override
                public java.io.InputStream openStream() {
                    return new java.io.ByteArrayInputStream(new byte[10]);
                }
            };
            BlobRecord.Message bad = new BlobRecord.Message(MessageGuid.random(), Records.INBOX, 2, 0, 100,
                    org.loftmail.core.model.Flags.NONE, lying);
            StorageException e = assertThrows(StorageException.class, () -> store.append(List.of(bad)));
            assertInstanceOf(StorageException.class, e);
            assertEquals(ok.end(), store.fileSize(1));
            BlobLocation next = store.append(List.of(Records.message(3, Records.body(3)))).get(0);
            assertEquals(ok.end(), next.offset());
            Records.Collector c = new Records.Collector();
            store.scan(1, c);
            assertEquals(List.of(), c.corrupt);
            assertEquals(2, c.records.size());
        }
    }
}
