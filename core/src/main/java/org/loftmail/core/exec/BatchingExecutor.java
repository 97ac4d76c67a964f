package org.loftmail.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs submitted items for one owner (a user) strictly one batch at a time, never two
 * concurrently, on a shared pool. Everything queued while a batch runs forms the next batch,
 * so a burst of concurrent writers shares one fsync and one index commit (group commit,
 * as in the Disruptor's batch event processor). Holds no thread while idle.
 */
public final class BatchingExecutor<T> {
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor pool;
    private final Consumer<List<T>> batchHandler;
    private final int maxBatch;

    public BatchingExecutor(Executor pool, int maxBatch, Consumer<List<T>> batchHandler) {
        this.pool = pool;
        this.maxBatch = maxBatch;
        this.batchHandler = batchHandler;
    }

    /** Queues an item; throws {@link java.util.concurrent.RejectedExecutionException} once the pool is shut down. */
    public void submit(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Leave no item behind that nobody will ever run, and let the next submit try again.
                queue.remove(item);
                scheduled.set(false);
                throw e;
            }
        }
    }

    private void drain() {
        try {
            List<T> batch = new ArrayList<>();
            T item;
            while ((item = queue.poll()) != null) {
                batch.add(item);
                if (batch.size() >= maxBatch) {
                    batchHandler.accept(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                batchHandler.accept(batch);
            }
        } finally {
            scheduled.set(false);
            // An item may have arrived after the last poll but before the flag was cleared.
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                pool.execute(this::drain);
            }
        }
    }
}
