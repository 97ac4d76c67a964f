package org.loftmail.core.auth;

/**
 * MD5's compression function (RFC 1321, section 3.4) on one 64-byte block. {@code CRAM-MD5}
 * hashes are MD5 states in the middle of an HMAC, which no {@link java.security.MessageDigest}
 * exposes.
 */
public final class Md5Block {
    /** MD5's initial state A, B, C, D. */
    public static final int[] INITIAL = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    private static final int[] SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    /** The sine table: T[i] = floor(2^32 * |sin(i + 1)|). */
    private static final int[] T = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            T[i] = (int) (long) Math.floor(Math.abs(StrictMath.sin(i + 1)) * 4294967296.0);
        }
    }

    private Md5Block() {
    }

    /** The state after processing {@code block[off..off+64)} from {@code state}. */
    public static int[] compress(int[] state, byte[] block, int off) {
        int[] x = new int[16];
        for (int i = 0; i < 16; i++) {
            int p = off + 4 * i;
            x[i] = (block[p] & 0xff) | (block[p + 1] & 0xff) << 8 | (block[p + 2] & 0xff) << 16
                    | (block[p + 3] & 0xff) << 24;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        for (int i = 0; i < 64; i++) {
            int f;
            int k;
            if (i < 16) {
                f = (b & c) | (~b & d);
                k = i;
            } else if (i < 32) {
                f = (b & d) | (c & ~d);
                k = (5 * i + 1) & 15;
            } else if (i < 48) {
                f = b ^ c ^ d;
                k = (3 * i + 5) & 15;
            } else {
                f = c ^ (b | ~d);
                k = (7 * i) & 15;
            }
            int next = b + Integer.rotateLeft(a + f + T[i] + x[k], SHIFTS[(i >> 4) * 4 + (i & 3)]);
            a = d;
            d = c;
            c = b;
            b = next;
        }
        return new int[] {state[0] + a, state[1] + b, state[2] + c, state[3] + d};
    }

    /** Writes the four state words little-endian, as MD5 writes its digest. */
    public static void writeState(int[] state, byte[] out, int off) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[off + 4 * i + j] = (byte) (state[i] >>> (8 * j));
            }
        }
    }

    /** The four state words {@link #writeState} wrote at {@code in[off..off+16)}. */
    public static int[] readState(byte[] in, int off) {
        int[] state = new int[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                state[i] |= (in[off + 4 * i + j] & 0xff) << (8 * j);
            }
        }
        return state;
    }
}
