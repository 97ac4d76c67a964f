package org.loftmail.imap.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.imap.message.MessageAccess;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.wire.ImapResponseWriter;

/**
 * Collects a response in one buffer. Like a real session may, it hands out a new writer after
 * every stream and makes the old one unusable, so a renderer that keeps writing through it fails.
 */
final class TestSink implements ResponseSink, AutoCloseable {
    private final ByteBuf out = Unpooled.buffer();
    private ImapResponseWriter writer = new ImapResponseWriter(out);
    /** Lengths of the literals that went through {@link #stream}. */
    final List<Long> streamed = new ArrayList<>();

    @Override
    public ImapResponseWriter writer() {
        return writer;
    }

    @Override
    public void stream(InputStream in, long length) {
        try (in) {
            byte[] buf = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("stream ended " + left + " octets early");
                }
                out.writeBytes(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streamed.add(length);
        // The old writer must not be used again: any write through it now fails.
        writer.target(Unpooled.EMPTY_BUFFER);
        writer = new ImapResponseWriter(out);
    }

    /** The octets written so far, one char each. */
    String wire() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        out.release();
    }

    /** Renders {@code items} of {@code message} in UTC and returns the wire octets. */
    static String render(MessageAccess message, FetchAttribute... items) {
        try (TestSink sink = new TestSink()) {
            FetchRenderer.render(sink, message, List.of(items), ZoneOffset.UTC);
            return sink.wire();
        }
    }
}
