package org.loftmail.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds compact values: varints, so small numbers (most sizes, modseqs) take one or two bytes. */
final class RecordWriter {
    private byte[] buf;
    private int len;

    RecordWriter(int capacity) {
        buf = new byte[capacity];
    }

    RecordWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    RecordWriter fixed64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len + i] = (byte) v;
            v >>>= 8;
        }
        len += 8;
        return this;
    }

    /** An unsigned LEB128 varint. */
    RecordWriter varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    /** A signed value (dates before 1970 exist in the wild) zig-zag encoded. */
    RecordWriter zigzag(long v) {
        return varint((v << 1) ^ (v >> 63));
    }

    RecordWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** A length-prefixed UTF-8 string. */
    RecordWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return varint(b.length).bytes(b);
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
