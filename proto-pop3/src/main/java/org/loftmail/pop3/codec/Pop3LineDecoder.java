package org.loftmail.pop3.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Frames POP3 lines: a two-state machine (line, discard) that copies each byte it looks at out
 * of the cumulation exactly once, so partial input only leaves the state where it was.
 *
 * <p>Lines end with CRLF; a bare LF is accepted too, as Dovecot does. A line longer than
 * {@code maxLineLength} (CRLF not counted) is reported with {@link Pop3Frame.TooLong} as soon as
 * the limit is crossed, and its remaining bytes are dropped up to the next LF, so the session
 * can answer {@code -ERR} and go on with the next command instead of holding the excess.
 */
public final class Pop3LineDecoder extends ByteToMessageDecoder {
    private static final int INITIAL = 128;

    private final int maxLineLength;
    private byte[] line = new byte[INITIAL];
    private int lineLen;
    private boolean discarding;

    public Pop3LineDecoder(int maxLineLength) {
        if (maxLineLength < 16) {
            throw new IllegalArgumentException("maxLineLength must be at least 16");
        }
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
            int end = lf < 0 ? in.writerIndex() : lf;
            if (discarding) {
                in.readerIndex(lf < 0 ? end : lf + 1);
                if (lf >= 0) {
                    discarding = false;
                }
                continue;
            }
            int n = end - start;
            // One more than the limit may wait here: it can be the CR of the CRLF.
            if (lineLen + n > maxLineLength + 1) {
                tooLong(out);
                in.readerIndex(lf < 0 ? end : lf + 1);
                discarding = lf < 0;
                continue;
            }
            append(in, start, n);
            in.readerIndex(lf < 0 ? end : lf + 1);
            if (lf < 0) {
                return;
            }
            int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
            if (len > maxLineLength) {
                tooLong(out);
                continue;
            }
            out.add(new Pop3Frame.Line(Arrays.copyOf(line, len)));
            reset();
        }
    }

    private void append(ByteBuf in, int from, int n) {
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + n, Math.min(line.length * 2, maxLineLength + 1)));
        }
        in.getBytes(from, line, lineLen, n);
        lineLen += n;
    }

    private void tooLong(List<Object> out) {
        out.add(new Pop3Frame.TooLong(maxLineLength));
        reset();
    }

    private void reset() {
        lineLen = 0;
        if (line.length > 4 * INITIAL) {
            line = new byte[INITIAL];
        }
    }
}
