package org.loftmail.index;

import java.nio.charset.StandardCharsets;
import org.loftmail.core.store.StorageException;

/** Reads what {@link RecordWriter} wrote; any inconsistency is a corrupt index, never a crash. */
final class RecordReader {
    private final byte[] buf;
    private int pos;

    RecordReader(byte[] buf) {
        this.buf = buf;
    }

    static StorageException corrupt(String what) {
        return new StorageException(StorageException.Kind.CORRUPT, "index record corrupt: " + what);
    }

    static StorageException corrupt(String what, Throwable cause) {
        return new StorageException(StorageException.Kind.CORRUPT, "index record corrupt: " + what, cause);
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
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

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    String string() {
        long n = varint();
        if (n > buf.length - pos) {
            throw corrupt("string length " + n);
        }
        String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** Skips a {@link #string()} without decoding it. */
    void skipString() {
        long n = varint();
        if (n > buf.length - pos) {
            throw corrupt("string length " + n);
        }
        pos += (int) n;
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(int n) {
        if (n < 0 || buf.length - pos < n) {
            throw corrupt("truncated");
        }
    }
}
