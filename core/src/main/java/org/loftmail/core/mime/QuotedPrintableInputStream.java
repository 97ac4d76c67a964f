package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a quoted-printable body (RFC 2045 section 6.7) as it streams, as leniently as Dovecot:
 * {@code =XX} (either case) becomes its octet; {@code =} before a line end, or at the very end,
 * is a soft line break (white space allowed between, as the RFC asks decoders to accept); white
 * space at the end of a line or of the body is dropped as transport padding; any other {@code =}
 * is kept as it is, since mail in the wild holds plenty of unencoded ones. A line ends at CRLF or
 * at a bare LF (a store may keep either) and is passed on as it was; a bare CR is content. Never
 * throws on bad input.
 */
public final class QuotedPrintableInputStream extends TransformingInputStream {
    /** White space held back to see whether it ends a line; a longer run is content anyway. */
    private static final int MAX_SPACES = 1024;

    private final byte[] spaces = new byte[MAX_SPACES];
    private int spaceCount;

    public QuotedPrintableInputStream(InputStream in) {
        // Held-back spaces, then "=", more spaces and a CR at most.
        super(in, 2 * MAX_SPACES + 2);
    }

    @Override
    protected boolean produce() throws IOException {
        while (true) {
            int c = in.next();
            if (c < 0) {
                // White space at the very end is trailing too.
                spaceCount = 0;
                return false;
            }
            if (c == ' ' || c == '\t') {
                if (spaceCount == MAX_SPACES) {
                    flushSpaces();
                    spaces[spaceCount++] = (byte) c;
                    return true;
                }
                spaces[spaceCount++] = (byte) c;
            } else if (endsLine(c)) {
                spaceCount = 0;
                if (c == '\r') {
                    emit('\r');
                }
                emit('\n');
                return true;
            } else {
                // Returning once anything is out keeps a chunk within the buffer.
                boolean flushed = spaceCount > 0;
                flushSpaces();
                if (c != '=') {
                    emit(c);
                    return true;
                }
                if (escape() || flushed) {
                    return true;
                }
            }
        }
    }

    /** After an {@code =}: false for a soft line break, which yields nothing. */
    private boolean escape() throws IOException {
        int hi = hex(in.peek());
        if (hi >= 0) {
            int first = in.next();
            int lo = hex(in.peek());
            if (lo >= 0) {
                in.next();
                emit(hi << 4 | lo);
            } else {
                emit('=');
                emit(first);
            }
            return true;
        }
        int p = in.peek();
        while ((p == ' ' || p == '\t') && spaceCount < MAX_SPACES) {
            spaces[spaceCount++] = (byte) in.next();
            p = in.peek();
        }
        if (p < 0) {
            spaceCount = 0;
            return false;
        }
        if (p == '\r' || p == '\n') {
            in.next();
            if (endsLine(p)) {
                spaceCount = 0;
                return false;
            }
            emit('=');
            flushSpaces();
            emit('\r');
            return true;
        }
        // Not a soft break: the white space stays pending, it may still end the line.
        emit('=');
        return true;
    }

    /** Whether {@code c}, just read, ends a line; consumes the LF of a CRLF. */
    private boolean endsLine(int c) throws IOException {
        if (c == '\n') {
            return true;
        }
        if (c == '\r' && in.peek() == '\n') {
            in.next();
            return true;
        }
        return false;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private void flushSpaces() {
        emit(spaces, 0, spaceCount);
        spaceCount = 0;
    }
}
