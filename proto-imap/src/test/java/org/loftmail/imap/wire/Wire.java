package org.loftmail.imap.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Test helper: runs a writer over a pooled buffer, returns the octets as Latin-1, releases. */
final class Wire {
    private Wire() {
    }

    static String write(Consumer<ImapResponseWriter> body) {
        return write(false, body);
    }

    static String write(boolean utf8, Consumer<ImapResponseWriter> body) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(16);
        try {
            body.accept(new ImapResponseWriter(buf, utf8));
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    /** The UTF-8 bytes of {@code s} as a Latin-1 string, to compare with {@link #write}. */
    static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
