package org.loftmail.dbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.store.spi.BlobLocation;

class GroupCommitTest {
    private static final int THREADS = 32;
    private static final int PER_THREAD = 16;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsShareFsyncs() throws Exception {
        ConcurrentLinkedQueue<BlobLocation> locs = new ConcurrentLinkedQueue<>();
        try (DboxBlobStore store = new DboxBlobStore(dir, new DboxOptions(DboxOptions.DEFAULT_ROTATE_SIZE, true))) {
            runConcurrently(t -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    long uid = t * 1000L + i;
                    locs.addAll(store.append(List.of(Records.message(uid, Records.body(uid)))));
                }
            });
            int appends = THREADS * PER_THREAD;
            long syncs = store.syncCount();
            System.out.printf("group commit: %d appends, %d fsyncs%n", appends, syncs);
            assertTrue(syncs >= 1 && syncs < appends / 2, "fsyncs: " + syncs);

            assertEquals(appends, new HashSet<>(locs).size());
            Records.Collector c = new Records.Collector();
            store.scan(1, c);
            assertEquals(List.of(), c.corrupt);
            assertEquals(appends, c.records.size());
            for (BlobLocation loc : locs) {
                String body = new String(store.read(loc).toByteArray(), StandardCharsets.UTF_8);
                assertTrue(body.startsWith("Subject: message "), body);
            }
        }
    }

    /** The protocol alone, with a slow simulated disk: followers must ride on the leader's sync. */
    @Test
    void followersRideOnTheLeadersSync() throws Exception {
        GroupCommit commit = new GroupCommit(true);
        AtomicLong written = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        Set<Long> unsynced = java.util.concurrent.ConcurrentHashMap.newKeySet();
        runConcurrently(t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                long ticket = written.incrementAndGet();
                commit.await(ticket, () -> {
                    long covers = written.get();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    durable.accumulateAndGet(covers, Math::max);
                    return covers;
                });
                if (ticket > durable.get()) {
                    unsynced.add(ticket);
                }
            }
        });
        assertEquals(Set.of(), unsynced);
        assertTrue(commit.syncCount() < THREADS * PER_THREAD / 2, "syncs: " + commit.syncCount());
    }

    @Test
    void noFsyncMeansNoSyncs() {
        try (DboxBlobStore store = new DboxBlobStore(dir, new DboxOptions(1000, false))) {
            for (int i = 0; i < 20; i++) {
                store.append(List.of(Records.message(i, Records.body(i))));
            }
            assertEquals(0, store.syncCount());
            assertTrue(store.files().size() > 1);
        }
    }

    private interface Body {
        void run(int thread) throws Exception;
    }

    private static void runConcurrently(Body body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("worker failed", errors.peek());
        }
    }
}
