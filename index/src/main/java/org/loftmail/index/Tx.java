package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiPredicate;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One LMDB transaction seen as byte arrays. Every value handed out is a heap copy, so nothing
 * returned by the index points into the map after the transaction ends. Not thread-safe: a
 * transaction belongs to one caller at a time.
 */
final class Tx {
    /** LMDB's compiled-in limit ({@code mdb_env_get_maxkeysize}). */
    static final int MAX_KEY = 511;

    private final Txn<ByteBuffer> txn;
    // lmdbjava needs direct buffers. LMDB reads a key only during the call it is passed to, so one
    // per thread serves every transaction on it (nested reads included): a read transaction per
    // message (FETCH, SEARCH) would otherwise allocate and free a direct buffer each.
    private static final ThreadLocal<ByteBuffer> KEY = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY));
    private final ByteBuffer key = KEY.get();
    private ByteBuffer val;
    private boolean mapFull;

    Tx(Txn<ByteBuffer> txn) {
        this.txn = txn;
    }

    byte[] get(Dbi<ByteBuffer> dbi, byte[] k) {
        ByteBuffer v = dbi.get(txn, key(k));
        return v == null ? null : copy(v);
    }

    boolean has(Dbi<ByteBuffer> dbi, byte[] k) {
        return dbi.get(txn, key(k)) != null;
    }

    void put(Dbi<ByteBuffer> dbi, byte[] k, byte[] v) {
        try {
            dbi.put(txn, key(k), val(v));
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    boolean delete(Dbi<ByteBuffer> dbi, byte[] k) {
        try {
            return dbi.delete(txn, key(k));
        } catch (Env.MapFullException e) {
            mapFull = true;
            throw e;
        }
    }

    /**
     * True once a write found the map full. LMDB then refuses to commit, and the caller should
     * grow the map and retry even if the exception was caught and replaced on the way out.
     */
    boolean mapFull() {
        return mapFull;
    }

    /**
     * Visits entries from {@code from} (inclusive) while the key starts with {@code prefix} and is
     * at most {@code to} (unsigned, inclusive; null for no bound), until the visitor returns false.
     * The value is null unless {@code values}.
     */
    void scan(Dbi<ByteBuffer> dbi, byte[] from, byte[] prefix, byte[] to, boolean values,
              BiPredicate<byte[], byte[]> visitor) {
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            // LMDB rejects an empty key (MDB_BAD_VALSIZE), so "from the start" is first().
            boolean ok = from.length == 0 ? c.first() : c.get(key(from), GetOp.MDB_SET_RANGE);
            while (ok) {
                byte[] k = copy(c.key());
                if (!startsWith(k, prefix) || (to != null && Arrays.compareUnsigned(k, to) > 0)) {
                    return;
                }
                if (!visitor.test(k, values ? copy(c.val()) : null)) {
                    return;
                }
                ok = c.next();
            }
        }
    }

    /**
     * The key just before {@code key}, which must be in the table: an empty array when it is the
     * table's first, null when {@code key} is not there.
     */
    byte[] keyBefore(Dbi<ByteBuffer> dbi, byte[] key) {
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            if (!c.get(key(key), GetOp.MDB_SET_KEY)) {
                return null;
            }
            return c.prev() ? copy(c.key()) : new byte[0];
        }
    }

    /**
     * As {@link #scan} over every key starting with {@code prefix}, without copying: the visitor
     * gets LMDB's own buffers, valid only during the call and never to be kept or written.
     * For hot read paths that look at a few bytes of each entry (SELECT's flag scan).
     */
    void scanViews(Dbi<ByteBuffer> dbi, byte[] prefix, BiPredicate<ByteBuffer, ByteBuffer> visitor) {
        scanViews(dbi, prefix, prefix, visitor);
    }

    /** As {@link #scanViews(Dbi, byte[], BiPredicate)}, starting at {@code from} (inclusive). */
    void scanViews(Dbi<ByteBuffer> dbi, byte[] from, byte[] prefix, BiPredicate<ByteBuffer, ByteBuffer> visitor) {
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            boolean ok = c.get(key(from), GetOp.MDB_SET_RANGE);
            while (ok) {
                ByteBuffer k = c.key();
                if (k.remaining() < prefix.length) {
                    return;
                }
                for (int i = 0; i < prefix.length; i++) {
                    if (k.get(k.position() + i) != prefix[i]) {
                        return;
                    }
                }
                if (!visitor.test(k, c.val())) {
                    return;
                }
                ok = c.next();
            }
        }
    }

    /** Deletes every entry whose key starts with {@code prefix}; returns how many. */
    long deletePrefix(Dbi<ByteBuffer> dbi, byte[] prefix) {
        long n = 0;
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            boolean ok = c.get(key(prefix), GetOp.MDB_SET_RANGE);
            while (ok && startsWith(copy(c.key()), prefix)) {
                try {
                    c.delete(); // copy-on-write: even a delete may need a fresh page
                } catch (Env.MapFullException e) {
                    mapFull = true;
                    throw e;
                }
                n++;
                // After a delete LMDB leaves the cursor so that NEXT lands on the following entry.
                ok = c.next();
            }
        }
        return n;
    }

    /** The greatest key, or null if the table is empty. */
    byte[] lastKey(Dbi<ByteBuffer> dbi) {
        try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
            return c.last() ? copy(c.key()) : null;
        }
    }

    private ByteBuffer key(byte[] k) {
        if (k.length > MAX_KEY) {
            throw new IllegalArgumentException("key longer than " + MAX_KEY + " bytes");
        }
        // lmdbjava passes the buffer's base address, so data must start at position 0.
        key.clear();
        key.put(k).flip();
        return key;
    }

    private ByteBuffer val(byte[] v) {
        if (val == null || val.capacity() < v.length) {
            val = ByteBuffer.allocateDirect(Math.max(256, Integer.highestOneBit(Math.max(1, v.length)) << 1));
        }
        val.clear();
        val.put(v).flip();
        return val;
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static boolean startsWith(byte[] k, byte[] prefix) {
        return k.length >= prefix.length && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length);
    }
}
