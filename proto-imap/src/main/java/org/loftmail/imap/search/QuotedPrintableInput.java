package org.loftmail.imap.search;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a quoted-printable body as it streams (RFC 2045 section 6.7): {@code =XX} escapes
 * (either case of hex), soft line breaks ({@code =} at the end of a line, CRLF or bare LF, with
 * transport padding before the break allowed). Anything else, such as an {@code =} not followed by
 * hex, is kept as written, like lenient mail readers do; never throws on malformed input.
 */
final class QuotedPrintableInput extends InputStream {
    private static final int SOFT_BREAK = -2;
    private static final int NOT_ESCAPE = -3;

    private final InputStream in;
    /** Bytes read ahead and not yet decoded, oldest first. */
    private final int[] ahead = new int[64];
    private int aheadLen;
    private final byte[] one = new byte[1];

    QuotedPrintableInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int c = next();
            if (c < 0) {
                break;
            }
            if (c != '=') {
                b[off + n++] = (byte) c;
                continue;
            }
            int decoded = escape();
            if (decoded >= 0) {
                b[off + n++] = (byte) decoded;
            } else if (decoded == NOT_ESCAPE) {
                b[off + n++] = '=';
            }
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    /** After '=': the decoded byte, {@link #SOFT_BREAK}, or {@link #NOT_ESCAPE} (lookahead kept). */
    private int escape() throws IOException {
        int h1 = peek(0);
        int h2 = peek(1);
        int hi = h1 < 0 ? -1 : Character.digit(h1, 16);
        int lo = h2 < 0 ? -1 : Character.digit(h2, 16);
        if (hi >= 0 && lo >= 0) {
            drop(2);
            return hi << 4 | lo;
        }
        // Soft break: optional spaces/tabs, then CRLF or LF (or the end of the body).
        int k = 0;
        int c = peek(k);
        while ((c == ' ' || c == '\t') && k < ahead.length - 2) {
            c = peek(++k);
        }
        if (c == '\r' && peek(k + 1) == '\n') {
            drop(k + 2);
            return SOFT_BREAK;
        }
        if (c == '\n' || c < 0) {
            drop(c < 0 ? k : k + 1);
            return SOFT_BREAK;
        }
        return NOT_ESCAPE;
    }

    private int next() throws IOException {
        if (aheadLen > 0) {
            int c = ahead[0];
            drop(1);
            return c;
        }
        return in.read();
    }

    /** The byte {@code k} positions ahead of the current one, or -1 past the end. */
    private int peek(int k) throws IOException {
        while (aheadLen <= k) {
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            ahead[aheadLen++] = c;
        }
        return ahead[k];
    }

    private void drop(int count) {
        System.arraycopy(ahead, count, ahead, 0, aheadLen - count);
        aheadLen -= count;
    }
}
