package org.loftmail.core.mime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered octet source with one octet of lookahead: enough for the line-oriented transforms of
 * message text (transfer decoding here, header filtering in IMAP FETCH), which only ever need to
 * know whether a CR is followed by an LF or an {@code =} by a hex digit.
 */
public final class PeekableInput implements Closeable {
    private final InputStream in;
    private final byte[] buf = new byte[8 * 1024];
    private int pos;
    private int lim;
    private boolean eof;

    public PeekableInput(InputStream in) {
        this.in = in;
    }

    /** The next octet without consuming it, or -1 at the end. */
    public int peek() throws IOException {
        if (pos == lim) {
            if (eof) {
                return -1;
            }
            int n = in.read(buf);
            if (n <= 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            lim = n;
        }
        return buf[pos] & 0xff;
    }

    /** Consumes the next octet, or returns -1 at the end. */
    public int next() throws IOException {
        int c = peek();
        if (c >= 0) {
            pos++;
        }
        return c;
    }

    /**
     * Copies buffered octets into {@code dst} up to (not including) the first CR or LF, at most
     * {@code len}; returns how many, 0 when the next octet is a CR or LF, or -1 at the end. Lets a
     * line-oriented transform pass the middle of a line on in one copy instead of octet by octet.
     */
    public int copyToLineEnd(byte[] dst, int off, int len) throws IOException {
        if (peek() < 0) {
            return -1;
        }
        int max = Math.min(len, lim - pos);
        int k = 0;
        while (k < max) {
            byte c = buf[pos + k];
            if (c == '\n' || c == '\r') {
                break;
            }
            k++;
        }
        System.arraycopy(buf, pos, dst, off, k);
        pos += k;
        return k;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
