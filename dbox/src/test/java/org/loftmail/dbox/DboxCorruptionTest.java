package org.loftmail.dbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobStore;

/** Damaged files: scans report the damage and keep going, reads of damaged headers fail CORRUPT. */
class DboxCorruptionTest {
    private static final int COUNT = 5;

    @TempDir
    Path dir;
    private final List<BlobLocation> locs = new ArrayList<>();

    @BeforeEach
    void fiveMessages() {
        try (BlobStore store = open()) {
            for (int i = 1; i <= COUNT; i++) {
                locs.addAll(store.append(List.of(Records.message(i, Records.body(i)))));
            }
        }
    }

    private BlobStore open() {
        return new DboxBlobStore(dir, new DboxOptions(DboxOptions.DEFAULT_ROTATE_SIZE, true));
    }

    private Path file(int n) {
        return dir.resolve("storage/m." + n);
    }

    private Records.Collector scan(int file) {
        try (BlobStore store = open()) {
            Records.Collector c = new Records.Collector();
            store.scan(file, c);
            assertTiles(c, store.fileSize(file));
            return c;
        }
    }

    /** Records and corrupt stretches cover the file after its header exactly once, in order. */
    private static void assertTiles(Records.Collector c, long size) {
        List<long[]> parts = new ArrayList<>();
        c.records.forEach(s -> parts.add(new long[] {s.location().offset(), s.location().length()}));
        c.corrupt.forEach(b -> parts.add(new long[] {b.offset(), b.length()}));
        parts.sort(Comparator.comparingLong(p -> p[0]));
        long pos = parts.isEmpty() || parts.get(0)[0] != 0 ? DboxRecordFormat.FILE_HEADER_SIZE : 0;
        for (long[] p : parts) {
            assertEquals(pos, p[0], "gap or overlap at " + pos);
            assertTrue(p[1] > 0, "empty stretch at " + pos);
            pos += p[1];
        }
        assertEquals(size, pos);
    }

    private List<Long> uids(Records.Collector c) {
        return c.records.stream().map(s -> s.record().uid()).toList();
    }

    private void patch(long pos, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file(1), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), pos);
        }
    }

    private void flip(long pos) throws IOException {
        byte[] b = new byte[1];
        try (FileChannel ch = FileChannel.open(file(1), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.read(ByteBuffer.wrap(b), pos);
            b[0] ^= 0x10;
            ch.write(ByteBuffer.wrap(b), pos);
        }
    }

    @Test
    void truncatedHeaderAtTheTailIsReported() throws IOException {
        try (FileChannel ch = FileChannel.open(file(1), StandardOpenOption.WRITE)) {
            ch.truncate(locs.get(4).offset() + 10);
        }
        Records.Collector c = scan(1);
        assertEquals(List.of(1L, 2L, 3L, 4L), uids(c));
        assertEquals(List.of(new Records.Bad(1, locs.get(4).offset(), 10, "truncated record header")), c.corrupt);
    }

    @Test
    void truncatedBodyAtTheTailIsReported() throws IOException {
        try (FileChannel ch = FileChannel.open(file(1), StandardOpenOption.WRITE)) {
            ch.truncate(locs.get(4).end() - 5);
        }
        Records.Collector c = scan(1);
        assertEquals(List.of(1L, 2L, 3L, 4L), uids(c));
        assertEquals(1, c.corrupt.size());
        assertEquals(locs.get(4).offset(), c.corrupt.get(0).offset());
        assertTrue(c.corrupt.get(0).reason().startsWith("truncated record"), c.corrupt.get(0).reason());
    }

    @Test
    void garbageAppendedIsReportedAndLaterAppendsAreStillFound() throws IOException {
        byte[] garbage = new byte[300];
        new Random(1).nextBytes(garbage);
        ByteBuffer.wrap(garbage).putInt(100, DboxRecordFormat.RECORD_MAGIC);
        patch(locs.get(4).end(), garbage);
        BlobLocation later;
        try (BlobStore store = open()) {
            later = store.append(List.of(Records.message(6, Records.body(6)))).get(0);
        }
        Records.Collector c = scan(1);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), uids(c));
        assertEquals(List.of(new Records.Bad(1, locs.get(4).end(), 300, "no valid record header")), c.corrupt);
        assertEquals(later, c.records.get(5).location());
    }

    @Test
    void flippedBodyByteFailsTheBodyChecksumOnlyForThatRecord() throws IOException {
        BlobLocation third = locs.get(2);
        flip(third.end() - 3);
        Records.Collector c = scan(1);
        assertEquals(List.of(1L, 2L, 4L, 5L), uids(c));
        assertEquals(List.of(new Records.Bad(1, third.offset(), third.length(), "message body checksum mismatch")), c.corrupt);
        try (BlobStore store = open()) {
            // Reads trust the header and skip the body CRC (too slow for big messages); length is intact.
            assertEquals(Records.body(3).length(), store.read(third).size());
        }
    }

    @Test
    void flippedHeaderByteIsReportedAndReadFailsCorrupt() throws IOException {
        BlobLocation second = locs.get(1);
        BlobLocation fourth = locs.get(3);
        flip(second.offset() + 14);          // inside the body length
        flip(fourth.offset() + 28 + 20);     // inside the metadata (mailbox GUID)
        Records.Collector c = scan(1);
        assertEquals(List.of(1L, 3L, 5L), uids(c));
        assertEquals(List.of(
                new Records.Bad(1, second.offset(), second.length(), "record header checksum mismatch"),
                new Records.Bad(1, fourth.offset(), fourth.length(), "record header checksum mismatch")), c.corrupt);
        try (BlobStore store = open()) {
            for (BlobLocation bad : List.of(second, fourth)) {
                StorageException e = assertThrows(StorageException.class, () -> store.read(bad));
                assertEquals(StorageException.Kind.CORRUPT, e.kind());
            }
            assertEquals(Records.body(3), new String(store.read(locs.get(2)).toByteArray(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFileOfRandomGarbageIsOneCorruptStretch() throws IOException {
        byte[] garbage = new byte[50_000];
        Random random = new Random(42);
        random.nextBytes(garbage);
        ByteBuffer g = ByteBuffer.wrap(garbage);
        for (int i = 0; i < 50; i++) {
            g.putInt(random.nextInt(garbage.length - 4), DboxRecordFormat.RECORD_MAGIC);
        }
        Files.write(file(2), garbage);
        Records.Collector c = scan(2);
        assertEquals(List.of(), c.records);
        assertEquals(List.of(new Records.Bad(2, 0, garbage.length, "bad file magic")), c.corrupt);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), uids(scan(1)));
        try (BlobStore store = open()) {
            assertArrayEquals(Records.body(5).getBytes(StandardCharsets.UTF_8), store.read(locs.get(4)).toByteArray());
        }
    }

    @Test
    void randomDamageNeverThrowsAndNeverInventsRecords() throws IOException {
        byte[] pristine = Files.readAllBytes(file(1));
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] damaged = pristine.clone();
            for (int k = random.nextInt(4) + 1; k > 0; k--) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(damaged.length) : damaged.length;
            Files.write(file(1), java.util.Arrays.copyOf(damaged, length));
            Records.Collector c = scan(1);
            for (Records.Seen s : c.records) {
                assertTrue(locs.contains(s.location()), "invented " + s.location());
                assertEquals(Records.body(s.record().uid()), new String(s.body(), StandardCharsets.UTF_8));
            }
        }
    }
}
