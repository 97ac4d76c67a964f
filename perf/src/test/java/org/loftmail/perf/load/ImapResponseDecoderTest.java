package org.loftmail.perf.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImapResponseDecoderTest {
    private static final String FETCH = "* 1 FETCH (UID 7 BODY[HEADER] {12}\r\nSubject: x\r\n BODY[] {0}\r\n FLAGS (\\Seen))\r\n"
            + "a3 OK Fetch completed.\r\n";

    @Test
    void framesLiteralsWhereverTheInputIsSplit() {
        byte[] bytes = FETCH.getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new ImapResponseDecoder(1024));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            ImapResponse fetch = ch.readInbound();
            assertEquals("*", fetch.tag(), "split at " + split);
            assertEquals("1 FETCH (UID 7 BODY[HEADER] {12} BODY[] {0} FLAGS (\\Seen))", fetch.text(), "split at " + split);
            assertEquals(12, fetch.literalBytes());
            ImapResponse ok = ch.readInbound();
            assertEquals("a3", ok.tag());
            assertEquals("OK", ok.word(0));
            assertNull(ch.readInbound());
            assertFalse(ch.finish());
        }
    }

    @Test
    void oneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapResponseDecoder(1024));
        for (byte b : "* 3 EXISTS\r\n+ idling\r\n* 2 EXPUNGE\n".getBytes(StandardCharsets.US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(3, ((ImapResponse) ch.readInbound()).number("EXISTS"));
        assertEquals("+", ((ImapResponse) ch.readInbound()).tag());
        assertEquals(2, ((ImapResponse) ch.readInbound()).number("EXPUNGE"));
        assertFalse(ch.finish());
    }

    @Test
    void refusesAnEndlessLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new ImapResponseDecoder(16));
        assertThrows(TooLongFrameException.class,
                () -> ch.writeInbound(Unpooled.copiedBuffer("* OK this line never ends", StandardCharsets.US_ASCII)));
        ch.finishAndReleaseAll();
    }

    @Test
    void literalMarkers() {
        assertEquals(12, ImapResponseDecoder.literalAtEnd("BODY[] {12}"));
        assertEquals(5, ImapResponseDecoder.literalAtEnd("x {5+}"));
        assertEquals(0, ImapResponseDecoder.literalAtEnd("x {0}"));
        assertEquals(-1, ImapResponseDecoder.literalAtEnd("OK {x}"));
        assertEquals(-1, ImapResponseDecoder.literalAtEnd("OK }"));
        assertEquals(-1, ImapResponseDecoder.literalAtEnd("OK 12}"));
    }
}
