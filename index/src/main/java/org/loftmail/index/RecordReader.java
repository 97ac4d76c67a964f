package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.loftmail.core.store.StorageException;

/**
 * Reads what {@link RecordWriter} wrote, from a heap copy or straight from LMDB's buffer (the
 * record is then decoded in place, valid only while the transaction's cursor stays on it); any
 * inconsistency is a corrupt index, never a crash.
 */
final class RecordReader {
    private final ByteBuffer buf;
    private final int limit;
    private int pos;

    RecordReader(byte[] buf) {
        this(ByteBuffer.wrap(buf));
    }

    /** Reads {@code buf} from its position to its limit; the buffer itself is not moved. */
    RecordReader(ByteBuffer buf) {
        this.buf = buf;
        this.pos = buf.position();
        this.limit = buf.limit();
    }

    static StorageException corrupt(String what) {
        return new StorageException(StorageException.Kind.CORRUPT, "index record corrupt: " + what);
    }

    static StorageException corrupt(String what, Throwable cause) {
        return new StorageException(StorageException.Kind.CORRUPT, "index record corrupt: " + what, cause);
    }

    int u8() {
        need(1);
        return buf.get(pos++) & 0xFF;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("varint too long");
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** Eight bytes, big-endian (GUID halves). */
    long u64() {
        need(8);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        buf.get(pos, out, 0, n);
        pos += n;
        return out;
    }

    String string() {
        long n = varint();
        if (n > limit - pos) {
            throw corrupt("string length " + n);
        }
        String s;
        if (buf.hasArray()) {
            s = new String(buf.array(), buf.arrayOffset() + pos, (int) n, StandardCharsets.UTF_8);
        } else {
            byte[] b = new byte[(int) n];
            buf.get(pos, b, 0, (int) n);
            s = new String(b, StandardCharsets.UTF_8);
        }
        pos += (int) n;
        return s;
    }

    /** Skips a {@link #string()} without decoding it. */
    void skipString() {
        long n = varint();
        if (n > limit - pos) {
            throw corrupt("string length " + n);
        }
        pos += (int) n;
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw corrupt("truncated");
        }
    }
}
