package org.loftmail.pop3.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.loftmail.core.mime.TransformingInputStream;

/**
 * A stored message in POP3's wire form, converted through a small buffer as it is read so a
 * large message never sits in the heap: bare LF becomes CRLF, a line starting with '.' gets a
 * second '.' (RFC 1939 section 3), and a last line without a line end gets one. Dropping the
 * stuffed dots gives exactly the CRLF form whose size LIST reports (core's virtual size), for
 * every message that ends with a line end. For TOP, stops after the header, the empty line
 * and {@code bodyLines} lines of the body. The terminating {@code .} is the caller's.
 */
public final class DotStuffedStream extends TransformingInputStream {
    /** No line limit: RETR. */
    public static final long ALL = -1;

    private boolean done;
    private boolean lineStart = true;
    /** The previous raw octet was a CR that has been sent. */
    private boolean afterCr;
    /** Octets of the current line other than its line end. */
    private long lineLength;
    private boolean inBody;
    private long bodyLinesLeft;

    public DotStuffedStream(InputStream raw, long bodyLines) {
        super(Objects.requireNonNull(raw, "raw"), 3);
        this.bodyLinesLeft = bodyLines;
    }

    /**
     * In the middle of a line nothing is converted, so those octets are copied straight from the
     * source (the common case by far); the line's start and end go through {@link #produce()}.
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0 || done || lineStart || afterCr || hasOutput()) {
            return super.read(b, off, len);
        }
        int k = in.copyToLineEnd(b, off, len);
        if (k <= 0) {
            return super.read(b, off, len);
        }
        lineLength += k;
        return k;
    }

    /** Converts the next raw octet: at most a CR, a stuffed dot or an LF, and the octet. */
    @Override
    protected boolean produce() throws IOException {
        if (done) {
            return false;
        }
        int c = in.next();
        if (c < 0) {
            done = true;
            if (lineStart) {
                return false;
            }
            // The message's last line has no line end: the terminating "." needs one.
            if (!afterCr) {
                emit('\r');
            }
            emit('\n');
            lineStart = true;
            return true;
        }
        if (c == '\n') {
            if (!afterCr) {
                emit('\r');
            }
            emit('\n');
            endOfLine();
            return true;
        }
        if (afterCr) {
            // A CR inside a line is content.
            lineLength++;
        }
        if (c == '.' && lineStart) {
            emit('.');
        }
        emit(c);
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
}
