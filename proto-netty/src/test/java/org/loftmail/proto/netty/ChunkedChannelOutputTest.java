package org.loftmail.proto.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkedChannelOutputTest {
    /** The smallest protocol writer: ASCII lines. */
    static final class LineWriter implements BufferWriter {
        private ByteBuf buf;

        LineWriter(ByteBuf buf) {
            this.buf = buf;
        }

        void line(String s) {
            buf.writeCharSequence(s + "\r\n", StandardCharsets.US_ASCII);
        }

        @Override
        public ByteBuf buffer() {
            return buf;
        }

        @Override
        public ByteBuf target(ByteBuf next) {
            ByteBuf old = buf;
            buf = next;
            return old;
        }
    }

    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final ChunkedChannelOutput<LineWriter> out = new ChunkedChannelOutput<>(ch, LineWriter::new);

    @AfterEach
    void close() {
        out.release();
        ch.finishAndReleaseAll();
    }

    private String sent() {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void nothingIsSentBeforeAFlush() {
        out.writer().line("+OK");
        assertNull(ch.readOutbound());
        out.flush();
        assertEquals("+OK\r\n", sent());
        out.flush();
        assertEquals("", sent());
    }

    @Test
    void aStreamFollowsWhatWasWrittenInChunks() {
        byte[] body = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        out.writer().line("* 1 FETCH (BODY[] {200000}");
        out.stream(new ByteArrayInputStream(body), body.length);
        out.writer().line(")");
        out.flush();
        assertEquals("* 1 FETCH (BODY[] {200000}\r\n" + "x".repeat(200_000) + ")\r\n", sent());
    }

    @Test
    void aStreamToItsEndCountsWhatItSent() {
        byte[] body = "y".repeat(70_000).getBytes(StandardCharsets.US_ASCII);
        assertEquals(70_000, out.stream(new ByteArrayInputStream(body)));
        assertEquals(0, out.stream(new ByteArrayInputStream(new byte[0])));
        out.flush();
        assertEquals("y".repeat(70_000), sent());
    }

    @Test
    void smallStreamsWaitForTheFlushSoPipelinedAnswersLeaveTogether() {
        for (int i = 0; i < 3; i++) {
            out.writer().line("+OK 5 octets");
            out.stream(new ByteArrayInputStream("body\n".getBytes(StandardCharsets.US_ASCII)), 5);
            out.writer().line(".");
        }
        assertNull(ch.readOutbound());
        out.flush();
        assertEquals("+OK 5 octets\r\nbody\n.\r\n".repeat(3), sent());
    }

    @Test
    void aStreamThatEndsEarlyFailsAndLeaksNothing() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> out.stream(new ByteArrayInputStream(new byte[10]), 20));
        assertEquals("message ended 10 octets early", e.getCause().getMessage());
    }

    @Test
    void aClosedChannelEndsTheCommand() {
        ch.close();
        out.writer().line("+OK");
        assertThrows(SessionClosedException.class, out::flush);
    }

    @Test
    void takeHandsOverThePendingBytes() {
        out.writer().line("+OK Begin TLS negotiation now.");
        ByteBuf taken = out.take();
        try {
            assertEquals("+OK Begin TLS negotiation now.\r\n", taken.toString(StandardCharsets.US_ASCII));
        } finally {
            taken.release();
        }
        assertEquals(0, out.writer().buffer().readableBytes());
    }
}
