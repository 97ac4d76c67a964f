package org.loftmail.perf.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames server responses into {@link ImapResponse}s: a line, and whenever a line ends in
 * {@code {n}}, n literal bytes followed by the rest of the response. A state machine that never
 * scans a byte twice; partial input leaves the state where it was. Literal bytes are counted and
 * skipped, never copied: the load generator needs their size, not their content.
 */
final class ImapResponseDecoder extends ByteToMessageDecoder {
    private enum State { LINE, LITERAL }

    private final int maxLineLength;
    private final StringBuilder line = new StringBuilder();
    private State state = State.LINE;
    /** Bytes after the reader index already searched for LF in vain. */
    private int scanned;
    private long literalLeft;
    private long literalBytes;

    ImapResponseDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (state == State.LITERAL) {
                int n = (int) Math.min(literalLeft, in.readableBytes());
                in.skipBytes(n);
                literalLeft -= n;
                literalBytes += n;
                if (literalLeft > 0) {
                    return;
                }
                state = State.LINE;
                continue;
            }
            int lf = in.indexOf(in.readerIndex() + scanned, in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                scanned = in.readableBytes();
                if (line.length() + scanned > maxLineLength) {
                    // The connection is closed for this; drop what was read so nothing decodes it again.
                    in.skipBytes(in.readableBytes());
                    line.setLength(0);
                    scanned = 0;
                    throw new TooLongFrameException("response line longer than " + maxLineLength + " bytes");
                }
                return;
            }
            int length = lf - in.readerIndex();
            int text = length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length;
            // ISO-8859-1 maps every byte to a char: a UTF-8 mailbox name cannot break the framing.
            line.append(in.toString(in.readerIndex(), text, StandardCharsets.ISO_8859_1));
            in.skipBytes(length + 1);
            scanned = 0;
            if (line.length() > maxLineLength) {
                line.setLength(0);
                throw new TooLongFrameException("response line longer than " + maxLineLength + " bytes");
            }
            long literal = literalAtEnd(line);
            if (literal > 0) {
                literalLeft = literal;
                state = State.LITERAL;
            } else if (literal < 0) {
                out.add(ImapResponse.of(line.toString(), literalBytes));
                line.setLength(0);
                literalBytes = 0;
            }
        }
    }

    /** n for a line ending in {@code {n}} or {@code {n+}} (a literal follows), else -1. */
    static long literalAtEnd(CharSequence s) {
        int end = s.length() - 1;
        if (end < 2 || s.charAt(end) != '}') {
            return -1;
        }
        int i = end - 1;
        if (s.charAt(i) == '+') {
            i--;
        }
        long n = 0;
        int digits = 0;
        for (; i >= 0 && Character.isDigit(s.charAt(i)); i--) {
            digits++;
            if (digits > 18) {
                return -1;
            }
        }
        if (digits == 0 || i < 0 || s.charAt(i) != '{') {
            return -1;
        }
        for (int d = i + 1; d <= i + digits; d++) {
            n = n * 10 + (s.charAt(d) - '0');
        }
        return n;
    }
}
