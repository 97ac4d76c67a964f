package org.loftmail.dbox;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.core.store.StorageException;

/**
 * Leader/follower fsync sharing. Writers get a ticket (the running count of bytes appended) and
 * wait until a sync covers it. If no sync is running, the waiter becomes the leader: it forces
 * everything written so far, outside the lock, while later writers queue on the condition. When
 * it finishes, every waiter it covered returns at once and one of the rest leads the next sync,
 * so a burst of N writers costs about two fsyncs instead of N.
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
    private final Condition done = lock.newCondition();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private boolean syncing;
    private volatile IOException failure;

    GroupCommit(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns once ticket {@code ticket} is durable. */
    void await(long ticket, Force force) {
        checkHealthy();
        if (!enabled || synced.get() >= ticket) {
            return;
        }
        lock.lock();
        try {
            while (synced.get() < ticket) {
                checkHealthy();
                if (syncing) {
                    done.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                lock.unlock();
                long covered = -1;
                IOException error = null;
                try {
                    covered = force.force();
                } catch (IOException e) {
                    error = e;
                } finally {
                    lock.lock();
                    syncing = false;
                }
                if (error != null) {
                    StorageException e = failed(error);
                    done.signalAll();
                    throw e;
                }
                syncs.incrementAndGet();
                synced.accumulateAndGet(covered, Math::max);
                done.signalAll();
            }
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
            while (syncing) {
                done.awaitUninterruptibly();
            }
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
