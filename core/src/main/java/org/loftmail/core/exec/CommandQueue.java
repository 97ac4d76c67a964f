package org.loftmail.core.exec;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs one protocol session's work items one at a time, in order, on a shared worker pool, so
 * storage and auth calls never run on an event loop and pipelined commands keep their order
 * (the IMAP and POP3 sessions each have one). An item may {@link #holdUntil hold} the queue (a
 * delayed auth failure) without holding a thread.
 */
public final class CommandQueue {
    private final Executor executor;
    private final ArrayDeque<Runnable> items = new ArrayDeque<>();
    private boolean running;
    private CompletionStage<?> hold;
    private Runnable afterHold;

    public CommandQueue(Executor executor) {
        this.executor = executor;
    }

    public void add(Runnable item) {
        synchronized (this) {
            items.add(item);
            if (running) {
                return;
            }
            running = true;
        }
        executor.execute(() -> drain(null));
    }

    public synchronized int size() {
        return items.size();
    }

    /**
     * Called from a running item: {@code then} runs once {@code stage} completes, and only after
     * it the next item.
     */
    public void holdUntil(CompletionStage<?> stage, Runnable then) {
        hold = stage;
        afterHold = then;
    }

    /** Runs {@code first} (the continuation of a hold), then the queued items, until empty or held. */
    private void drain(Runnable first) {
        Runnable item = first;
        while (true) {
            if (item == null) {
                synchronized (this) {
                    item = items.poll();
                    if (item == null) {
                        running = false;
                        return;
                    }
                }
            }
            try {
                item.run();
            } catch (RuntimeException e) {
                // Items handle their own failures; this only keeps one bug from stalling the queue.
                org.slf4j.LoggerFactory.getLogger(CommandQueue.class).error("session work failed", e);
            }
            item = null;
            CompletionStage<?> h = hold;
            if (h != null) {
                Runnable then = afterHold;
                hold = null;
                afterHold = null;
                h.whenComplete((v, e) -> executor.execute(() -> drain(then)));
                return;
            }
        }
    }
}
