package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One physical range of a stored message as IMAP sends it. Stored messages may end lines with a
 * bare LF, IMAP literals carry CRLF, and the sizes and partial offsets a client sees count the
 * CRLF form (the "virtual" octets of core's {@code MimePart}). This stream converts on the fly
 * through a small buffer, so a 50 MB body never sits in the heap, and {@link #skip} moves by
 * virtual octets: a seek when the range holds no bare LF, a scan otherwise (an LF-stored
 * message has no other map from virtual to physical offsets).
 */
final class CrlfInputStream extends InputStream {

    /** What happens to the stored octets. */
    enum Mode {
        /**
         * BODY[...]: bare LF to CRLF, and NUL to 0x80, since an IMAP literal cannot carry NUL
         * (RFC 3501 CHAR8); Dovecot substitutes the same octet.
         */
        LITERAL,
        /** Text for BINARY to send or decode: bare LF to CRLF, NUL kept (literal8 can carry it). */
        TEXT,
        /** Content-Transfer-Encoding binary or base64: the stored octets untouched. */
        RAW
    }

    private final InputStream raw;
    private final boolean convert;
    private final boolean replaceNul;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private long physicalLeft;
    private boolean prevCr;
    /** The CR of a bare LF went out (or was skipped); the LF is next. */
    private boolean pendingLf;

    /**
     * @param raw            positioned at the first octet of the range, which starts a line
     * @param physicalLength stored octets in the range
     * @param bareLf         whether the range holds a bare LF (its virtual size differs from its
     *                       physical length); without one, nothing needs converting
     */
    CrlfInputStream(InputStream raw, long physicalLength, Mode mode, boolean bareLf) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.physicalLeft = physicalLength;
        this.convert = bareLf && mode != Mode.RAW;
        this.replaceNul = mode == Mode.LITERAL;
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
            if (pendingLf) {
                b[off + n++] = '\n';
                pendingLf = false;
                continue;
            }
            // Return what we have rather than block on the next read.
            if (pos == lim && (n > 0 || !fill())) {
                break;
            }
            byte c = buf[pos++];
            if (c == '\n' && convert && !prevCr) {
                b[off + n++] = '\r';
                pendingLf = true;
                continue;
            }
            prevCr = c == '\r';
            b[off + n++] = c == 0 && replaceNul ? (byte) 0x80 : c;
        }
        return n == 0 ? -1 : n;
    }

    /** Skips {@code n} virtual octets. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (!convert) {
            int inBuffer = (int) Math.min(n, lim - pos);
            pos += inBuffer;
            long seek = Math.min(n - inBuffer, physicalLeft);
            raw.skipNBytes(seek);
            physicalLeft -= seek;
            return inBuffer + seek;
        }
        long left = n;
        while (left > 0) {
            if (pendingLf) {
                pendingLf = false;
                left--;
                continue;
            }
            if (pos == lim && !fill()) {
                break;
            }
            byte c = buf[pos++];
            if (c == '\n' && !prevCr) {
                if (left == 1) {
                    pendingLf = true;
                    left = 0;
                } else {
                    left -= 2;
                }
            } else {
                left--;
            }
            prevCr = c == '\r';
        }
        return n - left;
    }

    private boolean fill() throws IOException {
        if (physicalLeft <= 0) {
            return false;
        }
        int r = raw.read(buf, 0, (int) Math.min(buf.length, physicalLeft));
        if (r <= 0) {
            // The store gave less than the index promised; the sink reports the short literal.
            physicalLeft = 0;
            return false;
        }
        physicalLeft -= r;
        pos = 0;
        lim = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
