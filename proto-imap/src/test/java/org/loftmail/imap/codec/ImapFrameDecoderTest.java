package org.loftmail.imap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImapFrameDecoderTest {
    private static final ImapLimits SMALL = new ImapLimits(100, 1000, 3, 2000, 50);

    /** Feeds the pieces and renders every emitted object as text, releasing all buffers. */
    static List<String> run(ImapLimits limits, byte[]... pieces) {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(limits));
        TrackingAllocator alloc = new TrackingAllocator();
        ch.config().setAllocator(alloc);
        List<String> out = new ArrayList<>();
        StringBuilder stream = null;
        for (byte[] p : pieces) {
            ch.writeInbound(Unpooled.wrappedBuffer(p));
            Object o;
            while ((o = ch.readInbound()) != null) {
                if (o instanceof ImapLiteralChunk) {
                    ImapLiteralChunk c = (ImapLiteralChunk) o;
                    stream.append(c.content().toString(StandardCharsets.ISO_8859_1));
                    if (c.isLast()) {
                        out.add("CHUNKS " + stream);
                        stream = null;
                    }
                    c.release();
                    continue;
                }
                if (o instanceof LiteralStreamStart) {
                    stream = new StringBuilder();
                }
                out.add(render(o));
            }
        }
        assertFalse(ch.finish() && ch.readInbound() != null);
        alloc.assertAllReleased();
        return out;
    }

    static String render(Object o) {
        if (o instanceof ImapFrame.Command) {
            ImapFrame.Command c = (ImapFrame.Command) o;
            StringBuilder sb = new StringBuilder("CMD ").append(c.lines());
            for (ImapLiteral l : c.literals()) {
                if (l instanceof ImapLiteral.InMemory) {
                    ByteBuf b = ((ImapLiteral.InMemory) l).content();
                    sb.append(l.binary() ? " ~[" : " [").append(b.toString(StandardCharsets.ISO_8859_1)).append(']');
                } else {
                    sb.append(" streamed(").append(l.size()).append(')');
                }
            }
            c.close();
            ReferenceCountUtil.release(o);
            return sb.toString();
        }
        return o.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The same output whether the input comes whole, or split in two at every position, or byte by byte. */
    static List<String> runAllSplits(ImapLimits limits, String input) {
        byte[] all = bytes(input);
        List<String> whole = run(limits, all);
        for (int i = 1; i < all.length; i++) {
            byte[] a = new byte[i];
            byte[] b = new byte[all.length - i];
            System.arraycopy(all, 0, a, 0, i);
            System.arraycopy(all, i, b, 0, b.length);
            assertEquals(whole, run(limits, a, b), "split at " + i);
        }
        byte[][] single = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            single[i] = new byte[] {all[i]};
        }
        assertEquals(whole, run(limits, single), "byte by byte");
        return whole;
    }

    @Test
    void everyFrameTypeInOneStream() {
        String input = "a NOOP\r\nb LOGIN {1}\r\nu {2+}\r\npw\r\nc APPEND x ~{2+}\r\n\0\1 {55+}\r\n"
            + "L".repeat(55) + "\r\nd " + "z".repeat(120) + " {3+}\r\nabc\r\ne X {2000}\r\nDONE\n";
        assertEquals(List.of(
            "CMD [a NOOP]",
            "ContinuationRequest[tag=b, size=1]",
            "CMD [b LOGIN {1},  {2+}, ] [u] [pw]",
            "LiteralStreamStart[tag=c, linesSoFar=[c APPEND x ~{2+},  {55+}], index=1, size=55, binary=false]",
            "CHUNKS " + "L".repeat(55),
            "CMD [c APPEND x ~{2+},  {55+}, ] ~[\0\1] streamed(55)",
            "TooLong[tag=d, reason=LINE, message=Line longer than 100 bytes]",
            "TooLong[tag=e, reason=LITERAL, message=Literal larger than 1000 bytes]",
            "CMD [DONE]"), runAllSplits(SMALL, input));
    }

    @Test
    void simpleLines() {
        assertEquals(List.of("CMD [a1 NOOP]", "CMD [a2 LOGOUT]"),
            runAllSplits(SMALL, "a1 NOOP\r\na2 LOGOUT\r\n"));
    }

    @Test
    void bareLfAcceptedAndEmptyLineIsAFrame() {
        assertEquals(List.of("CMD [a1 NOOP]", "CMD []", "CMD [DONE]"),
            runAllSplits(SMALL, "a1 NOOP\n\r\nDONE\r\n"));
    }

    @Test
    void synchronizingLiteralAsksForContinuation() {
        assertEquals(List.of(
                "ContinuationRequest[tag=a1, size=5]",
                "ContinuationRequest[tag=a1, size=6]",
                "CMD [a1 LOGIN {5},  {6}, ] [alice] [secret]"),
            runAllSplits(SMALL, "a1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n"));
    }

    @Test
    void literalPlusAndBinaryGetNoContinuation() {
        assertEquals(List.of("CMD [a1 APPEND x ~{3+}, ] ~[a\0b]", "CMD [a2 LOGIN {1+},  {0+}, ] [u] []"),
            runAllSplits(SMALL, "a1 APPEND x ~{3+}\r\na\0b\r\na2 LOGIN {1+}\r\nu {0+}\r\n\r\n"));
    }

    @Test
    void continuationAtTheRightMoment() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(SMALL));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("a1 LOGIN {5}\r")));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\n")));
        assertEquals(new ImapFrameDecoder.ContinuationRequest("a1", 5), ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("alice x\r\n")));
        ImapFrame.Command c = ch.readInbound();
        assertEquals(List.of("a1 LOGIN {5}", " x"), c.lines());
        c.close();
        assertFalse(ch.finish());
    }

    @Test
    void literalContainingCrlfAndBracesIsOpaque() {
        assertEquals(List.of("ContinuationRequest[tag=a, size=8]", "CMD [a X {8}, ] [{2}\r\n\r\nx]"),
            runAllSplits(SMALL, "a X {8}\r\n{2}\r\n\r\nx\r\n"));
    }

    @Test
    void largeLiteralIsStreamed() {
        String body = "x".repeat(120);
        List<String> out = runAllSplits(new ImapLimits(100, 1000, 3, 2000, 50),
            "t APPEND INBOX {120+}\r\n" + body + " {2}\r\nok\r\n");
        assertEquals(List.of(
            "LiteralStreamStart[tag=t, linesSoFar=[t APPEND INBOX {120+}], index=0, size=120, binary=false]",
            "CHUNKS " + body,
            "ContinuationRequest[tag=t, size=2]",
            "CMD [t APPEND INBOX {120+},  {2}, ] streamed(120) [ok]"), out);
    }

    @Test
    void tooLongLineRefusedAndSkipped() {
        String longLine = "a1 LOGIN " + "x".repeat(150) + "\r\n";
        assertEquals(List.of("TooLong[tag=a1, reason=LINE, message=Line longer than 100 bytes]", "CMD [a2 NOOP]"),
            runAllSplits(SMALL, longLine + "a2 NOOP\r\n"));
    }

    @Test
    void lineExactlyAtTheLimitIsAccepted() {
        String line = "a " + "y".repeat(98);
        assertEquals(List.of("CMD [" + line + "]"), runAllSplits(SMALL, line + "\r\n"));
        assertEquals(List.of("CMD [" + line + "]"), runAllSplits(SMALL, line + "\n"));
        assertEquals(List.of("TooLong[tag=a, reason=LINE, message=Line longer than 100 bytes]"),
            runAllSplits(SMALL, line + "z\r\n"));
    }

    @Test
    void tooLongLineEndingInNonSyncLiteralSkipsTheLiteralToo() {
        String input = "a1 X " + "x".repeat(150) + " {10+}\r\n0123456789\r\na2 NOOP\r\n";
        assertEquals(List.of("TooLong[tag=a1, reason=LINE, message=Line longer than 100 bytes]", "CMD [a2 NOOP]"),
            runAllSplits(SMALL, input));
    }

    @Test
    void tooLargeSyncLiteralEndsTheCommand() {
        assertEquals(List.of("TooLong[tag=a1, reason=LITERAL, message=Literal larger than 1000 bytes]", "CMD [a2 NOOP]"),
            runAllSplits(SMALL, "a1 APPEND INBOX {1001}\r\na2 NOOP\r\n"));
    }

    @Test
    void tooLargeNonSyncLiteralIsDiscardedExactly() {
        String body = "z".repeat(1500);
        assertEquals(List.of("TooLong[tag=a1, reason=LITERAL, message=Literal larger than 1000 bytes]", "CMD [a2 NOOP]"),
            run(SMALL, bytes("a1 APPEND INBOX {1500+}\r\n" + body + " {3+}\r\nabc\r\na2 NOOP\r\n")));
        List<String> split = run(SMALL, bytes("a1 APPEND INBOX {1500+}\r\n" + body.substring(0, 700)),
            bytes(body.substring(700) + "\r\na2 NOOP\r\n"));
        assertEquals(List.of("TooLong[tag=a1, reason=LITERAL, message=Literal larger than 1000 bytes]", "CMD [a2 NOOP]"), split);
    }

    @Test
    void hugeLiteralDigitsAreRefused() {
        assertEquals(List.of("TooLong[tag=a, reason=LITERAL, message=Literal larger than 1000 bytes]", "CMD [b NOOP]"),
            runAllSplits(SMALL, "a APPEND x {99999999999999999999999}\r\nb NOOP\r\n"));
    }

    @Test
    void tooManyLiteralsReleasesTheEarlierOnes() {
        assertEquals(List.of(
                "TooLong[tag=m, reason=LITERAL_COUNT, message=More than 3 literals in one command]", "CMD [n NOOP]"),
            runAllSplits(SMALL, "m X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\nn NOOP\r\n"));
    }

    @Test
    void commandSizeCountsLinesAndInMemoryLiterals() {
        ImapLimits limits = new ImapLimits(100, 1000, 10, 120, 1000);
        assertEquals(List.of("ContinuationRequest[tag=c, size=60]",
                "TooLong[tag=c, reason=COMMAND, message=Command larger than 120 bytes]", "CMD [d NOOP]"),
            run(limits, bytes("c X {60}\r\n" + "q".repeat(60) + " {60}\r\nd NOOP\r\n")));
    }

    @Test
    void untaggedWhenTheTagIsUnreadable() {
        assertEquals(List.of("TooLong[tag=null, reason=LINE, message=Line longer than 100 bytes]"),
            run(SMALL, bytes("x".repeat(300) + "\r\n")));
    }

    @Test
    void tenMegabyteLineNeverBuffered() {
        ImapLimits limits = new ImapLimits(1024, 1000, 3, 4096, 50);
        ImapFrameDecoder decoder = new ImapFrameDecoder(limits);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ByteBuf first = Unpooled.wrappedBuffer(bytes("big SEARCH "));
        ch.writeInbound(first);
        byte[] chunk = bytes("a".repeat(8192));
        List<ByteBuf> fed = new ArrayList<>();
        for (int i = 0; i < 10 * 1024 * 1024 / chunk.length; i++) {
            ByteBuf b = Unpooled.wrappedBuffer(chunk);
            fed.add(b);
            ch.writeInbound(b);
            // The decoder consumed (and released) every byte it was given.
            assertEquals(0, b.refCnt());
            if (i == 0) {
                ImapFrame.TooLong t = ch.readInbound();
                assertEquals("big", t.tag());
            }
            assertNull(ch.readInbound());
            assertTrue(decoder.bufferedBytes() <= limits.maxLineLength() + 1, "holds " + decoder.bufferedBytes());
        }
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\nok NOOP\r\n")));
        ImapFrame.Command c = ch.readInbound();
        assertEquals("ok NOOP", c.firstLine());
        assertFalse(ch.finish());
    }

    @Test
    void streamedChunksAreSlicesNotCopiesAndAllReleased() {
        ImapLimits limits = new ImapLimits(100, 10_000_000, 3, 2000, 1024);
        ImapFrameDecoder decoder = new ImapFrameDecoder(limits);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("s APPEND INBOX {5000000+}\r\n")));
        assertTrue(ch.readInbound() instanceof LiteralStreamStart);
        long got = 0;
        for (int i = 0; i < 5000; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
            ImapLiteralChunk c = ch.readInbound();
            got += c.content().readableBytes();
            assertEquals(i == 4999, c.isLast());
            c.release();
            assertTrue(decoder.bufferedBytes() < 2048, "holds " + decoder.bufferedBytes());
        }
        assertEquals(5_000_000, got);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n")));
        ImapFrame.Command c = ch.readInbound();
        assertEquals(new ImapLiteral.Streamed(5_000_000, false), c.literals().get(0));
        assertFalse(ch.finish());
    }

    @Test
    void partialLiteralReleasedWhenChannelCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapFrameDecoder(SMALL));
        TrackingAllocator alloc = new TrackingAllocator();
        ch.config().setAllocator(alloc);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("a X {1+}\r\nb {10+}\r\nabc")));
        assertFalse(ch.finish());
        alloc.assertAllReleased();
    }

    @Test
    void refusalAfterAStreamedLiteralAbortsTheStream() {
        List<String> out = runAllSplits(SMALL, "a APPEND x {60+}\r\n" + "m".repeat(60) + " {2000+}\r\nb NOOP\r\n");
        assertEquals(List.of(
            "LiteralStreamStart[tag=a, linesSoFar=[a APPEND x {60+}], index=0, size=60, binary=false]",
            "CHUNKS " + "m".repeat(60),
            "TooLong[tag=a, reason=LITERAL, message=Literal larger than 1000 bytes]"), out.subList(0, 3));
    }

    @Test
    void authenticateResponsesAndDoneAreLines() {
        assertEquals(List.of("CMD [a AUTHENTICATE PLAIN]", "CMD [AGFsaWNlAHNlY3JldA==]", "CMD [*]"),
            runAllSplits(SMALL, "a AUTHENTICATE PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\n*\r\n"));
    }

    @Test
    void literalHeaderParsing() {
        assertEquals(new LiteralHeader(12, false, false, 2), LiteralHeader.parse(bytes("a {12}"), 0, 6));
        assertEquals(new LiteralHeader(3, true, true, 2), LiteralHeader.parse(bytes("a ~{3+}\r"), 0, 8));
        assertNull(LiteralHeader.parse(bytes("a {}"), 0, 4));
        assertNull(LiteralHeader.parse(bytes("a {1a}"), 0, 6));
        assertNull(LiteralHeader.parse(bytes("a 1}"), 0, 4));
        assertEquals(-1, LiteralHeader.parse(bytes("{99999999999999999999}"), 0, 22).size());
    }
}
