package org.loftmail.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.store.spi.IndexWriter;
import org.loftmail.core.store.spi.MailboxIndex;

/**
 * One user's index in one LMDB environment. Reads run in read transactions and may run
 * concurrently with each other and with the single writer. The map starts small and doubles
 * whenever a write finds it full; the write is then retried from the start, so a {@code write}
 * function may run more than once and must not have effects outside the index.
 *
 * <p>Do not call {@code write} from inside {@code read} or {@code write} on the same thread:
 * LMDB allows one writer, and growing the map waits for every open transaction. Open a
 * directory at most once per process (LMDB's rule); the caller keeps one instance per user.
 */
public final class LmdbMailboxIndex implements MailboxIndex {
    /** Small enough for a million idle users' sparse files, big enough that most never grow. */
    public static final long DEFAULT_INITIAL_MAP_SIZE = 64L << 20;
    private static final long MAX_MAP_SIZE = 1L << 40;
    private static final int MAX_READERS = 1024;
    private static final long PAGE = 4096;

    private final Env<ByteBuffer> env;
    private final Tables tables;
    // Readers of this lock are transactions; the writer is map growth or close, which LMDB
    // allows only while this process has no transaction open.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long mapSize;
    private boolean closed;

    private LmdbMailboxIndex(Env<ByteBuffer> env, Tables tables, long mapSize) {
        this.env = env;
        this.tables = tables;
        this.mapSize = mapSize;
    }

    /** A factory with the default initial map size. */
    public static MailboxIndex.Factory factory() {
        return factory(DEFAULT_INITIAL_MAP_SIZE);
    }

    /** A factory whose environments start with {@code initialMapSize} bytes of map (rounded to pages). */
    public static MailboxIndex.Factory factory(long initialMapSize) {
        if (initialMapSize <= 0 || initialMapSize > MAX_MAP_SIZE) {
            throw new IllegalArgumentException("initial map size out of range: " + initialMapSize);
        }
        return dir -> open(dir, initialMapSize);
    }

    /** Opens (creating if needed) the environment in {@code dir}. */
    public static LmdbMailboxIndex open(Path dir, long initialMapSize) {
        long size = (initialMapSize + PAGE - 1) / PAGE * PAGE;
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("data.mdb");
            long used = Files.exists(data) ? Files.size(data) : 0;
            // LMDB would open a bigger database at exactly its used size, and the first write
            // would then fail and grow; start with headroom instead.
            while (size < used * 2 && size < MAX_MAP_SIZE) {
                size *= 2;
            }
        } catch (IOException e) {
            throw StorageException.io("cannot create index directory " + dir, e);
        }
        Env<ByteBuffer> env;
        try {
            env = Env.create().setMapSize(size).setMaxDbs(Tables.MAX_DBS).setMaxReaders(MAX_READERS)
                    .open(dir.toFile(), EnvFlags.MDB_NOTLS);
        } catch (LmdbException e) {
            throw translate("cannot open index in " + dir, e);
        }
        try {
            return new LmdbMailboxIndex(env, Tables.open(env), size);
        } catch (RuntimeException e) {
            env.close();
            throw translate("cannot open index tables in " + dir, e);
        }
    }

    @Override
    public <T> T read(Function<IndexReader, T> work) {
        lock.readLock().lock();
        try {
            checkOpen();
            try (Txn<ByteBuffer> txn = env.txnRead()) {
                return work.apply(new LmdbIndexReader(tables, new Tx(txn)));
            }
        } catch (RuntimeException e) {
            throw translate("index read failed", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<IndexWriter, T> work) {
        while (true) {
            long sizeTried = 0;
            Tx tx = null;
            lock.readLock().lock();
            try {
                checkOpen();
                sizeTried = mapSize;
                // Closing an uncommitted Txn aborts it: an exception from work leaves nothing behind.
                try (Txn<ByteBuffer> txn = env.txnWrite()) {
                    tx = new Tx(txn);
                    T result = work.apply(new LmdbIndexWriter(tables, tx));
                    txn.commit();
                    return result;
                }
            } catch (RuntimeException e) {
                if (!isMapFull(e) && (tx == null || !tx.mapFull())) {
                    throw translate("index write failed", e);
                }
            } finally {
                lock.readLock().unlock();
            }
            grow(sizeTried);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                env.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The current map size, for tests and metrics. */
    long mapSize() {
        lock.readLock().lock();
        try {
            return mapSize;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void grow(long sizeTried) {
        lock.writeLock().lock();
        try {
            checkOpen();
            if (mapSize != sizeTried) {
                return; // another writer already grew it
            }
            long next = mapSize * 2;
            if (next > MAX_MAP_SIZE) {
                throw new StorageException(StorageException.Kind.TEMPORARY,
                        "index map would exceed " + MAX_MAP_SIZE + " bytes");
            }
            env.setMapSize(next);
            mapSize = next;
        } catch (LmdbException e) {
            throw translate("cannot grow index map", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.TEMPORARY, "index is closed");
        }
    }

    private static boolean isMapFull(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof Env.MapFullException) {
                return true;
            }
        }
        return false;
    }

    /** LMDB failures become StorageExceptions; the caller's own exceptions pass through as they are. */
    private static RuntimeException translate(String what, RuntimeException e) {
        if (!(e instanceof LmdbException)) {
            return e;
        }
        if (e instanceof LmdbNativeException.PageCorruptedException
                || e instanceof LmdbNativeException.PageNotFoundException
                || e instanceof LmdbNativeException.PanicException
                || e instanceof Env.FileInvalidException
                || e instanceof Env.VersionMismatchException) {
            return new StorageException(StorageException.Kind.CORRUPT, what + ": " + e.getMessage(), e);
        }
        return new StorageException(StorageException.Kind.TEMPORARY, what + ": " + e.getMessage(), e);
    }
}
