package org.loftmail.pop3.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * The conversion {@link DotStuffedStream} does, for a message whose bytes are already in one
 * buffer (a small body read from dbox, or a sealed file's mapping): each line is copied into
 * the output in one piece, with no stream, no intermediate array and no per-octet call. RETR of
 * typical mail spends most of its time here, so this is the path RETR and TOP take whenever
 * they can; the output is the same octet for octet (the tests compare the two).
 */
public final class DotStuffer {
    /** Lines longer than this are copied in pieces, so the output can be sent as it grows. */
    private static final int PIECE = 64 * 1024;

    private DotStuffer() {
    }

    /**
     * Writes {@code src}'s remaining bytes in POP3 wire form into the buffers {@code target}
     * hands out (asked again before every line or piece, so it can send what has grown large);
     * {@code bodyLines} as in {@link DotStuffedStream}. Returns the octets written. The
     * terminating {@code .} is the caller's.
     */
    public static long write(ByteBuffer src, long bodyLines, Supplier<ByteBuf> target) {
        return write(src, bodyLines, target, PIECE);
    }

    /** {@link #write(ByteBuffer, long, Supplier)} with lines cut into pieces of at most {@code piece} octets. */
    static long write(ByteBuffer src, long bodyLines, Supplier<ByteBuf> target, int piece) {
        ByteBuffer view = src.duplicate();
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = src.position();
        int end = src.limit();
        int pos = base;
        int lineBegin = base;
        long linesLeft = bodyLines;
        boolean inBody = false;
        long written = 0;
        while (pos < end) {
            ByteBuf out = target.get();
            int before = out.writerIndex();
            if (pos == lineBegin && in.get(pos) == '.') {
                out.writeByte('.');
            }
            int stop = Math.min(end, pos + piece);
            int lf = indexOfLf(in, pos, stop);
            if (lf < 0) {
                copy(view, pos, stop, out);
                pos = stop;
                written += out.writerIndex() - before;
                continue;
            }
            boolean cr = lf > base && in.get(lf - 1) == '\r';
            if (cr && lf == pos && pos != lineBegin) {
                // The CR ended the previous piece of this line and has been copied already.
                out.writeByte('\n');
            } else {
                copy(view, pos, cr ? lf - 1 : lf, out);
                out.writeByte('\r').writeByte('\n');
            }
            written += out.writerIndex() - before;
            int length = lf - lineBegin - (cr ? 1 : 0);
            pos = lf + 1;
            lineBegin = pos;
            if (inBody) {
                if (linesLeft > 0 && --linesLeft == 0) {
                    return written;
                }
            } else if (length == 0) {
                inBody = true;
                if (linesLeft == 0) {
                    return written;
                }
            }
        }
        if (pos != lineBegin) {
            // The last line has no line end: the terminating "." needs one.
            ByteBuf out = target.get();
            if (in.get(end - 1) == '\r') {
                out.writeByte('\n');
                written++;
            } else {
                out.writeByte('\r').writeByte('\n');
                written += 2;
            }
        }
        return written;
    }

    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The first LF in [from, to), eight octets at a time: in a little-endian long, the lowest
     * octet the zero-byte test flags is always a real match (false flags only appear above one).
     */
    private static int indexOfLf(ByteBuffer b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = b.getLong(i) ^ LFS;
            long hit = (v - ONES) & ~v & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void copy(ByteBuffer view, int from, int to, ByteBuf out) {
        if (to > from) {
            view.limit(to).position(from);
            out.writeBytes(view);
        }
    }
}
