package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a message line by line, counting offsets and line endings, and keeps at most
 * {@link #MAX_CAPTURE} bytes of each line: as much as a kept header field may hold, and plenty for
 * boundary detection, while a 20 MB body line costs no heap. A line ends at LF; a CR directly
 * before it is part of the terminator. One line can be pushed back, so the part that meets a
 * boundary can leave it to the multipart that owns it.
 */
final class LineReader {
    static final int MAX_CAPTURE = HeaderFields.MAX_VALUE;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;

    private long offset;
    private long linesTotal;
    private long bareTotal;
    private int lastTerm;

    private byte[] line = new byte[256];
    private int captured;
    private long start;
    private long contentLength;
    private int termLength;
    private int prevTerm;
    private long linesBefore;
    private long bareBefore;
    private boolean pushedBack;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        start = offset;
        linesBefore = linesTotal;
        bareBefore = bareTotal;
        prevTerm = lastTerm;
        captured = 0;
        contentLength = 0;
        boolean prevCr = false;
        while (true) {
            if (pos >= lim && !fill()) {
                if (contentLength == 0) {
                    return false;
                }
                termLength = 0;
                lastTerm = 0;
                return true;
            }
            int i = pos;
            while (i < lim && buf[i] != '\n') {
                i++;
            }
            int n = i - pos;
            if (n > 0) {
                capture(pos, n);
                contentLength += n;
                offset += n;
                prevCr = buf[i - 1] == '\r';
            }
            pos = i;
            if (i < lim) {
                pos++;
                offset++;
                linesTotal++;
                if (prevCr) {
                    termLength = 2;
                    contentLength--;
                    if (captured > contentLength) {
                        captured = (int) contentLength;
                    }
                } else {
                    termLength = 1;
                    bareTotal++;
                }
                lastTerm = termLength;
                return true;
            }
        }
    }

    /** Makes the next {@link #next()} return the current line again. */
    void unread() {
        pushedBack = true;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buf);
            while (n == 0) {
                n = in.read(buf);
            }
            if (n < 0) {
                eof = true;
                lim = 0;
                pos = 0;
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void capture(int from, int n) {
        int room = MAX_CAPTURE - captured;
        int take = Math.min(room, n);
        if (take <= 0) {
            return;
        }
        if (captured + take > line.length) {
            byte[] bigger = new byte[Math.min(MAX_CAPTURE, Math.max(line.length * 2, captured + take))];
            System.arraycopy(line, 0, bigger, 0, captured);
            line = bigger;
        }
        System.arraycopy(buf, from, line, captured, take);
        captured += take;
    }

    /** The captured content bytes (terminator excluded); valid up to {@link #captured()}. */
    byte[] bytes() {
        return line;
    }

    int captured() {
        return captured;
    }

    long contentLength() {
        return contentLength;
    }

    boolean isBlank() {
        return contentLength == 0 && termLength > 0;
    }

    /** Where this line starts. */
    Mark startMark() {
        return new Mark(start, linesBefore, bareBefore);
    }

    /** Just after this line's terminator. */
    Mark endMark() {
        return new Mark(start + contentLength + termLength, linesBefore + (termLength > 0 ? 1 : 0),
                bareBefore + (termLength == 1 ? 1 : 0));
    }

    /**
     * Where a body that this (boundary) line ends stops: RFC 2046 gives the line ending before a
     * boundary to the boundary, so it is not part of the body, unless the body is empty.
     */
    Mark endBefore(Mark bodyStart) {
        if (start <= bodyStart.offset() || prevTerm == 0) {
            return bodyStart;
        }
        return new Mark(start - prevTerm, linesBefore - 1, bareBefore - (prevTerm == 1 ? 1 : 0));
    }

    /** Position after everything read so far (end of input once {@link #next()} returned false). */
    Mark position() {
        return new Mark(offset, linesTotal, bareTotal);
    }
}
