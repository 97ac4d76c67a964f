package org.loftmail.imap.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The {@code <offset.length>} window of a stream, for partial fetches. */
final class WindowInputStream extends InputStream {
    private final InputStream in;
    private long left;

    private WindowInputStream(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    /**
     * Skips {@code offset} octets of {@code in} (by its own {@link InputStream#skip}, which the
     * CRLF stream makes a seek when it can) and ends after {@code length} more. Closes {@code in}
     * if skipping fails.
     */
    static InputStream of(InputStream in, long offset, long length) throws IOException {
        try {
            in.skipNBytes(offset);
        } catch (EOFException e) {
            // A partial fetch may start past the end of the content; its window is just empty.
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new WindowInputStream(in, length);
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int c = in.read();
        if (c >= 0) {
            left--;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
