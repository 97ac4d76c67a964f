package org.loftmail.perf.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Many connections, each LOGIN, SELECT INBOX, IDLE; then the time from {@link #arm()} until each
 * one has seen {@code * n EXISTS}. Connection i logs in as user i mod the user count.
 */
final class IdleClients implements AutoCloseable {
    /** How the opening went. */
    record Opened(int idling, int failed, String firstFailure, double seconds) { }

    /**
     * Notification delays, in microseconds from {@link #arm()}.
     *
     * @param notified connections that saw EXISTS before the timeout
     * @param all      until the last one was notified (0 if some never were)
     */
    record Notified(int notified, long p50, long p99, long max, long all) { }

    private final ImapClientGroup group;
    private final InetSocketAddress address;
    private final LoadUsers users;
    private final ImapConnection[] connections;
    private final AtomicLongArray delays;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile long armedAt;
    private volatile CountDownLatch notified;

    IdleClients(ImapClientGroup group, InetSocketAddress address, LoadUsers users, int count) {
        this.group = group;
        this.address = address;
        this.users = users;
        this.connections = new ImapConnection[count];
        this.delays = new AtomicLongArray(count);
    }

    /**
     * Opens every connection, {@code parallel} at a time (the listen backlog and the login path
     * see a steady stream rather than one burst); returns when each is idling or has failed.
     */
    Opened open(int parallel) throws InterruptedException {
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(connections.length);
        for (int i = 0; i < Math.min(parallel, connections.length); i++) {
            openNext(done);
        }
        done.await();
        int bad = failed.get();
        return new Opened(connections.length - bad, bad, firstFailure.get(), (System.nanoTime() - t0) / 1e9);
    }

    private void openNext(CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= connections.length) {
            return;
        }
        group.connect(address)
                .thenCompose(c -> {
                    connections[i] = c;
                    return c.command(users.login(i));
                })
                .thenCompose(r -> expectOk(r, "LOGIN", connections[i].command("SELECT INBOX")))
                .thenCompose(r -> expectOk(r, "SELECT", connections[i].idle()))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, "connection " + i + ": " + e);
                        if (connections[i] != null) {
                            connections[i].close();
                            connections[i] = null;
                        }
                    } else {
                        connections[i].onExists(n -> exists(i));
                    }
                    done.countDown();
                    openNext(done);
                });
    }

    private static <T> CompletableFuture<T> expectOk(ImapReply r, String what, CompletableFuture<T> next) {
        if (!r.ok()) {
            return CompletableFuture.failedFuture(new IllegalStateException(what + ": " + r.condition() + " " + r.text()));
        }
        return next;
    }

    /** On the connection's event loop, for every EXISTS it reads while idling. */
    private void exists(int i) {
        CountDownLatch latch = notified;
        if (latch != null && delays.compareAndSet(i, 0, Math.max(1, System.nanoTime() - armedAt))) {
            latch.countDown();
        }
    }

    /** From now on, an EXISTS counts as the notification being measured. */
    void arm() {
        int idling = 0;
        for (ImapConnection c : connections) {
            if (c != null) {
                idling++;
            }
        }
        armedAt = System.nanoTime();
        notified = new CountDownLatch(idling);
    }

    /** Waits until every idling connection is notified or {@code timeout} passes. */
    Notified await(Duration timeout) throws InterruptedException {
        CountDownLatch latch = notified;
        latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        int n = 0;
        for (int i = 0; i < delays.length(); i++) {
            long d = delays.get(i);
            if (d > 0) {
                h.recordValue(Math.min(h.getHighestTrackableValue(), d / 1000));
                n++;
            }
        }
        long all = latch.getCount() == 0 ? h.getMaxValue() : 0;
        return new Notified(n, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), all);
    }

    @Override
    public void close() {
        for (ImapConnection c : connections) {
            if (c != null) {
                c.close();
            }
        }
    }
}
