package org.loftmail.dbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;

/** A 20 MB message goes to disk and back streamed, without a heap copy. */
class LargeMessageTest {
    private static final int SIZE = 20 << 20;

    @TempDir
    Path dir;

    @Test
    void twentyMegabytesRoundTripWithoutHeapCopies() throws Exception {
        Path spool = dir.resolve("spool");
        byte[] expected = writeSpool(spool);
        try (DboxBlobStore store = new DboxBlobStore(dir, new DboxOptions(1 << 20, true))) {
            long before = allocated();
            BlobRecord.Message m = new BlobRecord.Message(MessageGuid.random(), Records.INBOX, 1, 0, SIZE,
                    Flags.NONE, MessageContent.of(spool));
            BlobLocation loc = store.append(List.of(m)).get(0);
            assertArrayEquals(expected, digest(store.read(loc)), "read from the current file");
            long used = allocated() - before;
            if (used >= 0) {
                assertTrue(used < SIZE / 4, "allocated " + used + " bytes for a " + SIZE + " byte message");
            }

            store.append(List.of(Records.message(2, Records.body(2))));
            assertTrue(loc.file() < store.currentFile(), "the big record fills its own file");
            assertArrayEquals(expected, digest(store.read(loc)), "read from a sealed (mapped) file");

            Records.Collector c = new Records.Collector(LargeMessageTest::digest);
            store.scan(loc.file(), c);
            assertEquals(List.of(), c.corrupt);
            assertEquals(1, c.records.size());
            assertArrayEquals(expected, c.records.get(0).body(), "scan verified the body CRC and streams it");
        }
    }

    /** Bytes this thread allocated on the heap so far, or -1 if the JVM cannot tell. */
    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static byte[] writeSpool(Path spool) throws IOException {
        MessageDigest md = sha256();
        Random random = new Random(3);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(spool)) {
            for (int done = 0; done < SIZE; done += chunk.length) {
                random.nextBytes(chunk);
                md.update(chunk);
                out.write(chunk);
            }
        }
        return md.digest();
    }

    private static byte[] digest(MessageContent content) {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = content.openStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
