package org.loftmail.imap.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames IMAP commands: an explicit state machine (line, literal, discarded literal) that
 * consumes every byte it looks at, so partial input only leaves the state where it was and
 * nothing is ever scanned twice. Line bytes are copied out of the cumulation buffer as they
 * arrive, so Netty's cumulation never grows past one read.
 *
 * <p>Emits, in stream order:
 * <ul>
 * <li>{@link ContinuationRequest} after the header of a synchronizing literal {@code {n}} that
 *     passed the limits: the session must write {@code + ...}; this decoder never writes.
 *     {@code {n+}} (LITERAL+) gets none.</li>
 * <li>{@link LiteralStreamStart} then {@link ImapLiteralChunk}s for literals over
 *     {@link ImapLimits#streamThreshold()}, as the bytes arrive (nothing accumulated).</li>
 * <li>{@link ImapFrame.Command} when the command's last line is complete.</li>
 * <li>{@link ImapFrame.TooLong} as soon as a limit is hit, before the excess is read. The rest
 *     of that command is then discarded: the rest of an over-long line, and the bytes of any
 *     {@code {n+}} literal (the client sends them without waiting). A refused {@code {n}} ends
 *     the command, since the client waits for a {@code +} that never comes.</li>
 * </ul>
 *
 * <p>Lines end with CRLF; a bare LF is accepted as well (as Dovecot does) because some
 * scripted clients send it and accepting it costs nothing. A CR elsewhere is left to the parser.
 */
public final class ImapFrameDecoder extends ByteToMessageDecoder {
    /** The session must send a continuation request ({@code + OK}) for this literal. */
    public record ContinuationRequest(String tag, long size) {
    }

    private enum State { LINE, LITERAL, DISCARD_LITERAL }

    private static final int TAIL = 32;
    private static final int INITIAL_LINE = 256;
    private static final int MAX_TAG = 128;

    private final ImapLimits limits;
    private State state = State.LINE;

    // The command being assembled.
    private final List<String> lines = new ArrayList<>();
    private final List<ImapLiteral> literals = new ArrayList<>();
    private long commandBytes;
    private String tag;
    /** The command was refused: keep only enough of each line to spot a trailing literal. */
    private boolean skipping;

    // The line being assembled.
    private byte[] line = new byte[INITIAL_LINE];
    private int lineLen;
    private final byte[] tail = new byte[TAIL];
    private int tailLen;

    // The literal being read.
    private long remaining;
    private long literalSize;
    private boolean literalBinary;
    private boolean literalStreamed;
    private ByteBuf literalBuf;

    public ImapFrameDecoder(ImapLimits limits) {
        this.limits = limits;
    }

    public ImapFrameDecoder() {
        this(ImapLimits.DEFAULT);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case LINE:
                    readLine(ctx, in, out);
                    break;
                case LITERAL:
                    readLiteral(in, out);
                    break;
                case DISCARD_LITERAL:
                    discardLiteral(in);
                    break;
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }

    private void readLine(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        int n = (lf < 0 ? in.writerIndex() : lf) - start;
        if (skipping) {
            keepTail(in, start, n);
        } else {
            long room = Math.min(limits.maxLineLength(), limits.maxCommandSize() - commandBytes);
            long total = (long) lineLen + n;
            // One byte over the room is fine only if it is the CR of the CRLF.
            if (total > room + 1 || (n > 0 && total == room + 1 && in.getByte(start + n - 1) != '\r')) {
                int before = lineLen;
                append(in, start, (int) Math.max(0, Math.min(n, room - lineLen)));
                refuseLine(out, room == limits.maxLineLength(), before);
                keepTail(in, start, n);
            } else {
                append(in, start, n);
            }
        }
        in.skipBytes(n);
        if (lf >= 0) {
            in.skipBytes(1);
            endLine(ctx, out);
        }
    }

    private void refuseLine(List<Object> out, boolean lineLimit, int keptBefore) {
        if (lines.isEmpty()) {
            tag = tagOf(line, lineLen);
        }
        String message = lineLimit
            ? "Line longer than " + limits.maxLineLength() + " bytes"
            : "Command larger than " + limits.maxCommandSize() + " bytes";
        refuse(out, lineLimit ? ImapFrame.Reason.LINE : ImapFrame.Reason.COMMAND, message);
        // Seed the tail with what we kept, so a literal header straddling the cut is seen.
        tailLen = 0;
        keepTail(line, Math.max(0, keptBefore - TAIL), Math.min(keptBefore, TAIL));
        resetLine();
    }

    private void endLine(ChannelHandlerContext ctx, List<Object> out) {
        if (skipping) {
            LiteralHeader h = LiteralHeader.parse(tail, 0, tailLen);
            tailLen = 0;
            if (h != null && h.nonSync()) {
                remaining = h.size() < 0 ? Long.MAX_VALUE : h.size();
                state = State.DISCARD_LITERAL;
            } else {
                endCommand();
            }
            return;
        }
        int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        if (lines.isEmpty()) {
            tag = tagOf(line, len);
        }
        lines.add(new String(line, 0, len, StandardCharsets.UTF_8));
        commandBytes += lineLen + 1;
        LiteralHeader h = LiteralHeader.parse(line, 0, len);
        resetLine();
        if (h == null) {
            out.add(new ImapFrame.Command(lines, literals));
            literals.clear();
            endCommand();
        } else {
            startLiteral(ctx, out, h);
        }
    }

    private void startLiteral(ChannelHandlerContext ctx, List<Object> out, LiteralHeader h) {
        long size = h.size();
        boolean streamed = size > limits.streamThreshold();
        if (literals.size() >= limits.maxLiteralsPerCommand()) {
            refuseLiteral(out, h, ImapFrame.Reason.LITERAL_COUNT,
                "More than " + limits.maxLiteralsPerCommand() + " literals in one command");
        } else if (size < 0 || size > limits.maxLiteralSize()) {
            refuseLiteral(out, h, ImapFrame.Reason.LITERAL,
                "Literal larger than " + limits.maxLiteralSize() + " bytes");
        } else if (!streamed && commandBytes + size > limits.maxCommandSize()) {
            refuseLiteral(out, h, ImapFrame.Reason.COMMAND,
                "Command larger than " + limits.maxCommandSize() + " bytes");
        } else {
            literalSize = size;
            remaining = size;
            literalBinary = h.binary();
            literalStreamed = streamed;
            if (!h.nonSync()) {
                out.add(new ContinuationRequest(tag, size));
            }
            if (streamed) {
                out.add(new LiteralStreamStart(tag, lines, literals.size(), size, h.binary()));
            } else {
                literalBuf = ctx.alloc().buffer((int) size, (int) size);
                commandBytes += size;
            }
            state = State.LITERAL;
            if (size == 0) {
                endLiteral();
            }
        }
    }

    private void refuseLiteral(List<Object> out, LiteralHeader h, ImapFrame.Reason reason, String message) {
        refuse(out, reason, message);
        if (h.nonSync()) {
            remaining = h.size() < 0 ? Long.MAX_VALUE : h.size();
            state = State.DISCARD_LITERAL;
        } else {
            endCommand();
        }
    }

    private void refuse(List<Object> out, ImapFrame.Reason reason, String message) {
        out.add(new ImapFrame.TooLong(tag, reason, message));
        releaseLiterals();
        lines.clear();
        skipping = true;
    }

    private void readLiteral(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(remaining, in.readableBytes());
        remaining -= n;
        if (literalStreamed) {
            out.add(new ImapLiteralChunk(in.readRetainedSlice(n), remaining == 0));
        } else {
            literalBuf.writeBytes(in, n);
        }
        if (remaining == 0) {
            endLiteral();
        }
    }

    private void endLiteral() {
        if (literalStreamed) {
            literals.add(new ImapLiteral.Streamed(literalSize, literalBinary));
        } else {
            literals.add(new ImapLiteral.InMemory(literalBuf, literalBinary));
            literalBuf = null;
        }
        state = State.LINE;
    }

    private void discardLiteral(ByteBuf in) {
        int n = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(n);
        remaining -= n;
        if (remaining == 0) {
            state = State.LINE;
        }
    }

    private void endCommand() {
        lines.clear();
        commandBytes = 0;
        tag = null;
        skipping = false;
        state = State.LINE;
    }

    private void append(ByteBuf in, int index, int n) {
        if (lineLen + n > line.length) {
            byte[] bigger = new byte[Math.max(lineLen + n, Math.min(line.length * 2, limits.maxLineLength() + 1))];
            System.arraycopy(line, 0, bigger, 0, lineLen);
            line = bigger;
        }
        in.getBytes(index, line, lineLen, n);
        lineLen += n;
    }

    private void resetLine() {
        lineLen = 0;
        if (line.length > 16 * 1024) {
            line = new byte[INITIAL_LINE]; // do not pin a 64 KiB array per idle connection
        }
    }

    private void keepTail(ByteBuf in, int index, int n) {
        int take = Math.min(n, TAIL);
        byte[] b = new byte[take];
        in.getBytes(index + n - take, b);
        keepTail(b, 0, take);
    }

    private void keepTail(byte[] b, int off, int n) {
        int keep = Math.min(tailLen, TAIL - n);
        System.arraycopy(tail, tailLen - keep, tail, 0, keep);
        System.arraycopy(b, off, tail, keep, n);
        tailLen = keep + n;
    }

    /** The tag if the line starts with a well-formed one followed by a space. */
    static String tagOf(byte[] b, int len) {
        for (int i = 0; i < Math.min(len, MAX_TAG + 1); i++) {
            byte c = b[i];
            if (c == ' ') {
                return i == 0 ? null : new String(b, 0, i, StandardCharsets.US_ASCII);
            }
            if (!isTagChar(c)) {
                return null;
            }
        }
        return null;
    }

    /** RFC 3501 tag: ASTRING-CHAR except "+". */
    static boolean isTagChar(int c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\+".indexOf(c) < 0;
    }

    private void releaseLiterals() {
        for (ImapLiteral l : literals) {
            if (l instanceof ImapLiteral.InMemory) {
                ReferenceCountUtil.release(((ImapLiteral.InMemory) l).content());
            }
        }
        literals.clear();
        if (literalBuf != null) {
            literalBuf.release();
            literalBuf = null;
        }
    }

    /**
     * Bytes this decoder holds right now: the partial line, a partial in-memory literal, and
     * unconsumed input. Bounded by the limits whatever the client sends; for tests and metrics.
     */
    long bufferedBytes() {
        long literal = literalBuf == null ? 0 : literalBuf.capacity();
        return line.length + literal + internalBuffer().readableBytes();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseLiterals();
        lines.clear();
    }
}
