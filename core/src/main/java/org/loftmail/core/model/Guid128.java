package org.loftmail.core.model;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 128-bit random identifiers, rendered as 32 lowercase hex digits. */
final class Guid128 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Guid128() {
    }

    static long[] random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new long[] {toLong(b, 0), toLong(b, 8)};
    }

    static String hex(long hi, long lo) {
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
    }

    static long[] parse(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("GUID must be 32 hex digits: " + hex);
        }
        return new long[] {Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16)};
    }

    static long toLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    static void put(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
