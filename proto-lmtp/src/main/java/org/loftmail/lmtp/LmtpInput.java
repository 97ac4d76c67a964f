package org.loftmail.lmtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What an LMTP client sends, read straight off the connection with one buffer: command lines,
 * DATA with its dot-stuffing removed, and BDAT chunks of an exact size. Nothing is ever held
 * in memory beyond the buffer and one command line; message bytes go to a sink as they arrive.
 */
final class LmtpInput {
    /** A command line went past the limit; the rest of it was read and dropped. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    /** How DATA or a chunk ended: {@code size} bytes of content, {@code tooBig} if over the limit (the rest was dropped). */
    record Body(long size, boolean tooBig) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[16384];
    private int pos;
    private int limit;

    LmtpInput(InputStream in) {
        this.in = in;
    }

    /** True if bytes the client sent are already waiting: replies can wait to be flushed together (PIPELINING). */
    boolean hasBuffered() throws IOException {
        return pos < limit || in.available() > 0;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /**
     * The next line without its LF (or CRLF), as UTF-8; null at the end of the stream. A line
     * longer than {@code max} bytes is read to its end and reported, so the next command is in step.
     */
    String readLine(int max) throws IOException {
        byte[] line = new byte[Math.min(max, 256)];
        int length = 0;
        boolean tooLong = false;
        while (fill()) {
            while (pos < limit) {
                byte b = buf[pos++];
                if (b == '\n') {
                    if (tooLong) {
                        throw new LineTooLongException(max);
                    }
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    return new String(line, 0, length, StandardCharsets.UTF_8);
                }
                if (tooLong) {
                    continue;
                }
                if (length == max) {
                    tooLong = true;
                    continue;
                }
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(max, line.length * 2));
                }
                line[length++] = b;
            }
        }
        return null;
    }

    private static final int LINE_START = 0;
    private static final int MID = 1;
    private static final int CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /**
     * The DATA content up to the {@code CRLF . CRLF} that ends it (RFC 5321 section 4.1.1.4),
     * with each line's leading stuffed dot removed, written to {@code sink} until it exceeds
     * {@code max} bytes. Only CRLF ends a line here: a bare LF, a bare CR or {@code LF . LF}
     * never ends the message (so no one can smuggle a second message past the MTA). Null if the
     * stream ends first.
     */
    Body readData(OutputStream sink, long max) throws IOException {
        byte[] out = new byte[buf.length + 2];
        long size = 0;
        int state = LINE_START;
        while (fill()) {
            int n = 0;
            while (pos < limit) {
                byte b = buf[pos++];
                switch (state) {
                    case LINE_START:
                        if (b == '.') {
                            state = DOT;
                            continue;
                        }
                        out[n++] = b;
                        state = b == '\r' ? CR : MID;
                        break;
                    case MID:
                        out[n++] = b;
                        if (b == '\r') {
                            state = CR;
                        }
                        break;
                    case CR:
                        out[n++] = b;
                        state = b == '\n' ? LINE_START : b == '\r' ? CR : MID;
                        break;
                    case DOT:
                        if (b == '\r') {
                            state = DOT_CR;
                            continue;
                        }
                        // A stuffed dot: dropped, the line goes on.
                        out[n++] = b;
                        state = MID;
                        break;
                    default:
                        if (b == '\n') {
                            size = write(sink, out, n, size, max);
                            return new Body(Math.min(size, max + 1), size > max);
                        }
                        // ". CR x": the dot was stuffed; the CR is content.
                        out[n++] = '\r';
                        out[n++] = b;
                        state = b == '\n' ? LINE_START : b == '\r' ? CR : MID;
                }
            }
            size = write(sink, out, n, size, max);
        }
        return null;
    }

    /** Exactly {@code length} bytes (a BDAT chunk) to {@code sink} while the total stays within {@code max}; false at the end of the stream. */
    boolean readChunk(long length, OutputStream sink, long sizeBefore, long max) throws IOException {
        long left = length;
        long size = sizeBefore;
        while (left > 0) {
            if (!fill()) {
                return false;
            }
            int n = (int) Math.min(left, limit - pos);
            size = write(sink, buf, pos, n, size, max);
            pos += n;
            left -= n;
        }
        return true;
    }

    private static long write(OutputStream sink, byte[] b, int n, long size, long max) throws IOException {
        return write(sink, b, 0, n, size, max);
    }

    /** Writes what still fits under {@code max}; counts everything. */
    private static long write(OutputStream sink, byte[] b, int off, int n, long size, long max) throws IOException {
        if (size <= max) {
            long room = max + 1 - size;
            sink.write(b, off, (int) Math.min(n, room));
        }
        return size + n;
    }
}
