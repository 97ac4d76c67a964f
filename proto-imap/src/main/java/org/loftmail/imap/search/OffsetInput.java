package org.loftmail.imap.search;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only view of a message stream that knows its offset, can skip to a part's offset
 * (using the source's skip, which costs nothing for files) and can be told to end early at the end
 * of a part, so readers of one part cannot run into the next.
 */
final class OffsetInput extends InputStream {
    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    /** Offset of {@code buf[pos]} in the message. */
    private long offset;
    private long limit = Long.MAX_VALUE;

    OffsetInput(InputStream in) {
        this.in = in;
    }

    /** Reads end (return -1) at {@code end}, until the next call. */
    void limit(long end) {
        limit = end;
    }

    /** Moves forward to {@code target}; a target behind the current offset is ignored. */
    void skipTo(long target) throws IOException {
        long gap = target - offset;
        if (gap <= 0) {
            return;
        }
        int buffered = lim - pos;
        if (gap <= buffered) {
            pos += (int) gap;
            offset = target;
            return;
        }
        offset += buffered;
        pos = 0;
        lim = 0;
        try {
            in.skipNBytes(target - offset);
            offset = target;
        } catch (EOFException e) {
            // The message is shorter than the summary says: reads past here just end.
            eof = true;
        }
    }

    @Override
    public int read() throws IOException {
        if (offset >= limit || pos >= lim && !fill()) {
            return -1;
        }
        offset++;
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (offset >= limit || pos >= lim && !fill()) {
            return -1;
        }
        int n = (int) Math.min(Math.min(len, lim - pos), limit - offset);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        offset += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (!eof) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
            } else if (n > 0) {
                pos = 0;
                lim = n;
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
