package org.loftmail.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line decoder fed whole, byte by byte and split at every position. */
class Pop3LineDecoderTest {
    private static List<Object> decode(int max, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new Pop3LineDecoder(max));
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        assertFalse(ch.finish());
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(Object frame) {
        return new String(((Pop3Frame.Line) frame).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void crlfAndBareLfEndLines() {
        List<Object> out = decode(255, b("USER a\r\nPASS b c\nNOOP\r\n\r\n"));
        assertEquals(4, out.size());
        assertEquals("USER a", text(out.get(0)));
        assertEquals("PASS b c", text(out.get(1)));
        assertEquals("NOOP", text(out.get(2)));
        assertEquals("", text(out.get(3)));
    }

    @Test
    void everySplitGivesTheSameLines() {
        byte[] input = b("RETR 1\r\nTOP 2 10\r\nQ\0UIT\r\n");
        for (int split = 0; split <= input.length; split++) {
            byte[] a = java.util.Arrays.copyOfRange(input, 0, split);
            byte[] rest = java.util.Arrays.copyOfRange(input, split, input.length);
            List<Object> out = decode(255, a, rest);
            assertEquals(3, out.size(), "split at " + split);
            assertEquals("RETR 1", text(out.get(0)));
            assertEquals("TOP 2 10", text(out.get(1)));
            assertArrayEquals(b("Q\0UIT"), ((Pop3Frame.Line) out.get(2)).bytes(), "NUL is kept for the parser");
        }
        byte[][] single = new byte[input.length][];
        for (int i = 0; i < input.length; i++) {
            single[i] = new byte[] {input[i]};
        }
        assertEquals(3, decode(255, single).size());
    }

    @Test
    void aLineOfExactlyTheLimitPassesEvenWithItsCrArrivingAlone() {
        String line = "x".repeat(20);
        List<Object> out = decode(20, b(line + "\r"), b("\n"));
        assertEquals(List.of(line), List.of(text(out.get(0))));
    }

    @Test
    void aTooLongLineIsReportedOnceAndTheNextLineIsFine() {
        List<Object> out = decode(20, b("x".repeat(15)), b("y".repeat(15)), b("z".repeat(100)), b("\r\nNOOP\r\n"));
        assertEquals(2, out.size());
        assertEquals(new Pop3Frame.TooLong(20), out.get(0));
        assertEquals("NOOP", text(out.get(1)));

        List<Object> oneChunk = decode(20, b("a".repeat(21) + "\r\nSTAT\r\n"));
        assertEquals(new Pop3Frame.TooLong(20), oneChunk.get(0));
        assertEquals("STAT", text(oneChunk.get(1)));
    }

    @Test
    void nothingIsEmittedForAnUnfinishedLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new Pop3LineDecoder(255));
        ch.writeInbound(Unpooled.wrappedBuffer(b("STA")));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }
}
