package org.loftmail.core.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.loftmail.core.event.ChangeBus;
import java.util.concurrent.CompletableFuture;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.MailboxIndex;

/**
 * The node's {@link MailStore}: each user's directory holds a blob store and an index, opened on
 * first use and kept open. Wired by hand in the server's assembly.
 */
public final class IndexedMailStore implements MailStore {
    private final Function<UserId, Path> userDirs;
    private final BlobStore.Factory blobFactory;
    private final MailboxIndex.Factory indexFactory;
    private final ChangeBus bus;
    private final StoreOptions options;
    private final ExecutorService writers;
    private final Map<UserId, Slot> slots = new ConcurrentHashMap<>();

    /**
     * One user's open store. Opening (which may rebuild an index) happens under the slot's own
     * lock, never under the map's, so one slow user does not stall the others.
     */
    private static final class Slot {
        IndexedUserStore store;
    }

    public IndexedMailStore(Function<UserId, Path> userDirs, BlobStore.Factory blobFactory,
                            MailboxIndex.Factory indexFactory, ChangeBus bus, StoreOptions options) {
        this.userDirs = userDirs;
        this.blobFactory = blobFactory;
        this.indexFactory = indexFactory;
        this.bus = bus;
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loft-store-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public UserStore user(UserId user) {
        return opened(user, false);
    }

    private IndexedUserStore opened(UserId user, boolean rebuild) {
        Slot slot = slots.computeIfAbsent(user, u -> new Slot());
        synchronized (slot) {
            if (rebuild && slot.store != null) {
                slot.store.close();
                slot.store = null;
            }
            if (slot.store == null) {
                slot.store = IndexedUserStore.open(user, userDirs.apply(user), blobFactory, indexFactory, bus, writers,
                        options, rebuild);
            }
            return slot.store;
        }
    }

    /** Where a user's files live. */
    public Path userDir(UserId user) {
        return userDirs.apply(user);
    }

    /** Saves without waiting; the future completes once the message is durable (bulk import). */
    public CompletableFuture<AppendResult> appendAsync(UserId user,
            MailboxGuid mailbox, MessageContent content, Flags flags, long internalDate) {
        return opened(user, false).appendAsync(mailbox, content, flags, internalDate);
    }

    /** Throws the user's index away and rebuilds it from the mail files alone. */
    public RebuildReport rebuild(UserId user) {
        IndexedUserStore fresh = opened(user, true);
        RebuildReport report = fresh.rebuildReport();
        return report != null ? report : new RebuildReport(fresh.mailboxes().size(), 0, 0, 0, 0);
    }

    /** Compacts the user's mostly-dead blob files now; returns how many were compacted. */
    public int purge(UserId user) {
        return opened(user, false).purgeNow();
    }

    /** Closes one user's store (its files may then be used by another process). */
    public void closeUser(UserId user) {
        Slot slot = slots.get(user);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.store != null) {
                slot.store.close();
                slot.store = null;
            }
        }
    }

    @Override
    public void close() {
        for (UserId u : slots.keySet()) {
            closeUser(u);
        }
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
