package org.loftmail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes a base64 body as it streams. Lenient the way mail readers are: characters outside the
 * alphabet (line breaks, stray spaces) are skipped, padding ends a quantum and decoding goes on
 * after it (some senders concatenate encoded blocks), and a dangling partial quantum at the end
 * gives the bytes it holds. Never throws on malformed input.
 */
final class Base64Input extends InputStream {
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private final InputStream in;
    private final byte[] raw = new byte[8192];
    private final byte[] out = new byte[3];
    private final byte[] one = new byte[1];
    private int outPos;
    private int outLen;
    private int bits;
    private int sextets;
    private int rawPos;
    private int rawLen;
    private boolean eof;

    Base64Input(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (outPos < outLen) {
                b[off + n++] = out[outPos++];
                continue;
            }
            if (!decodeQuantum()) {
                break;
            }
        }
        return n == 0 ? -1 : n;
    }

    /** Fills {@link #out} with the next 1-3 bytes; false at the end. */
    private boolean decodeQuantum() throws IOException {
        outPos = 0;
        outLen = 0;
        while (outLen == 0) {
            if (rawPos >= rawLen) {
                if (eof || (rawLen = in.read(raw, 0, raw.length)) < 0) {
                    eof = true;
                    rawLen = 0;
                    flushPartial();
                    return outLen > 0;
                }
                rawPos = 0;
                continue;
            }
            int c = raw[rawPos++] & 0xff;
            if (c == '=') {
                flushPartial();
                continue;
            }
            int v = VALUES[c];
            if (v < 0) {
                continue;
            }
            bits = bits << 6 | v;
            if (++sextets == 4) {
                out[0] = (byte) (bits >> 16);
                out[1] = (byte) (bits >> 8);
                out[2] = (byte) bits;
                outLen = 3;
                bits = 0;
                sextets = 0;
            }
        }
        return true;
    }

    /** Ends a quantum early (padding or end of input): 2 sextets give one byte, 3 give two. */
    private void flushPartial() {
        if (sextets == 2) {
            out[0] = (byte) (bits >> 4);
            outLen = 1;
        } else if (sextets == 3) {
            out[0] = (byte) (bits >> 10);
            out[1] = (byte) (bits >> 2);
            outLen = 2;
        }
        bits = 0;
        sextets = 0;
    }
}
