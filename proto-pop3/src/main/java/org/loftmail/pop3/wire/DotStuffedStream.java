package org.loftmail.pop3.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A stored message in POP3's wire form, converted through a small buffer as it is read so a
 * large message never sits in the heap: bare LF becomes CRLF, a line starting with '.' gets a
 * second '.' (RFC 1939 section 3), and a last line without a line end gets one. Dropping the
 * stuffed dots gives exactly the CRLF form whose size LIST reports (core's virtual size), for
 * every message that ends with a line end. For TOP, stops after the header, the empty line
 * and {@code bodyLines} lines of the body. The terminating {@code .} is the caller's.
 */
public final class DotStuffedStream extends InputStream {
    /** No line limit: RETR. */
    public static final long ALL = -1;

    private final InputStream raw;
    private final byte[] in = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean done;

    private final byte[] pending = new byte[3];
    private int pendingPos;
    private int pendingLen;

    private boolean lineStart = true;
    /** The previous raw octet was a CR that has been sent. */
    private boolean afterCr;
    /** Octets of the current line other than its line end. */
    private long lineLength;
    private boolean inBody;
    private long bodyLinesLeft;

    public DotStuffedStream(InputStream raw, long bodyLines) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.bodyLinesLeft = bodyLines;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pendingPos < pendingLen) {
                b[off + n++] = pending[pendingPos++];
                continue;
            }
            if (done || !next()) {
                break;
            }
        }
        return n == 0 ? -1 : n;
    }

    /** Converts the next raw octet into {@link #pending}; false at the end of the output. */
    private boolean next() throws IOException {
        pendingPos = 0;
        pendingLen = 0;
        if (pos == lim && !fill()) {
            done = true;
            if (!lineStart) {
                // The message's last line has no line end: the terminating "." needs one.
                if (!afterCr) {
                    pending[pendingLen++] = '\r';
                }
                pending[pendingLen++] = '\n';
                lineStart = true;
            }
            return pendingLen > 0;
        }
        byte c = in[pos++];
        if (c == '\n') {
            if (!afterCr) {
                pending[pendingLen++] = '\r';
            }
            pending[pendingLen++] = '\n';
            endOfLine();
            return true;
        }
        if (afterCr) {
            // A CR inside a line is content.
            lineLength++;
        }
        if (c == '.' && lineStart) {
            pending[pendingLen++] = '.';
        }
        pending[pendingLen++] = c;
        lineStart = false;
        afterCr = c == '\r';
        if (!afterCr) {
            lineLength++;
        }
        return true;
    }

    private void endOfLine() {
        if (inBody) {
            if (bodyLinesLeft > 0 && --bodyLinesLeft == 0) {
                done = true;
            }
        } else if (lineLength == 0) {
            inBody = true;
            if (bodyLinesLeft == 0) {
                done = true;
            }
        }
        lineStart = true;
        afterCr = false;
        lineLength = 0;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int r = raw.read(in, 0, in.length);
        if (r <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
