package org.loftmail.imap.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A buffered octet source with one octet of lookahead, for the line-oriented filters here. */
final class PeekableInput implements Closeable {
    private final InputStream in;
    private final byte[] buf = new byte[8 * 1024];
    private int pos;
    private int lim;
    private boolean eof;

    PeekableInput(InputStream in) {
        this.in = in;
    }

    /** The next octet without consuming it, or -1 at the end. */
    int peek() throws IOException {
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
    int next() throws IOException {
        int c = peek();
        if (c >= 0) {
            pos++;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
