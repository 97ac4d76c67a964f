package org.loftmail.dbox;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.core.store.StorageException;

/**
 * Leader/follower fsync sharing. Writers get a ticket (the running count of bytes appended) and
 * wait until a sync covers it. Whoever takes the lock first forces everything written so far;
 * writers that queued behind it find their ticket covered and return without a sync of their own.
 *
 * <p>After a failed fsync the kernel may have dropped the dirty pages and a retry could "succeed"
 * without writing them, so one failure poisons the store until it is reopened.
 */
final class GroupCommit {
    /** Forces everything written so far and returns the ticket that covers. */
    interface Force {
        long force() throws IOException;
    }

    /** An action run while no sync is in progress. */
    interface Exclusive {
        void run() throws IOException;
    }

    private final boolean enabled;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile IOException failure;

    GroupCommit(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns once ticket {@code ticket} is durable. */
    void await(long ticket, Force force) {
        if (!enabled || synced.get() >= ticket) {
            checkHealthy();
            return;
        }
        lock.lock();
        try {
            checkHealthy();
            if (synced.get() >= ticket) {
                return;
            }
            long covered;
            try {
                covered = force.force();
            } catch (IOException e) {
                throw failed(e);
            }
            syncs.incrementAndGet();
            synced.accumulateAndGet(covered, Math::max);
        } finally {
            lock.unlock();
        }
    }

    /** Records an fsync done elsewhere (rotation, truncate) that made {@code ticket} durable. */
    void covered(long ticket) {
        syncs.incrementAndGet();
        synced.accumulateAndGet(ticket, Math::max);
    }

    /** Runs {@code action} with no sync in flight (truncate closes channels a leader may force). */
    void exclusive(Exclusive action) throws IOException {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    StorageException failed(IOException e) {
        failure = e;
        return StorageException.io("fsync of blob file failed; reopen the store", e);
    }

    void checkHealthy() {
        IOException f = failure;
        if (f != null) {
            throw StorageException.io("an earlier fsync failed; reopen the store", f);
        }
    }

    boolean enabled() {
        return enabled;
    }

    long syncCount() {
        return syncs.get();
    }
}
