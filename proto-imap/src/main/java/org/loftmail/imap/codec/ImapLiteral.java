package org.loftmail.imap.codec;

import io.netty.buffer.ByteBuf;

/** One literal of a command, in the order the literals appear in its lines. */
public sealed interface ImapLiteral {
    long size();

    /** True for a BINARY {@code ~{n}} literal8, which may contain NUL bytes. */
    boolean binary();

    /** A literal small enough to keep: the frame owns {@code content} until it is closed. */
    record InMemory(ByteBuf content, boolean binary) implements ImapLiteral {
        @Override
        public long size() {
            return content.readableBytes();
        }
    }

    /**
     * A literal over {@link ImapLimits#streamThreshold()}: its bytes already went downstream as
     * {@link ImapLiteralChunk}s after a {@link LiteralStreamStart}; the frame only records
     * where it was.
     */
    record Streamed(long size, boolean binary) implements ImapLiteral {
    }
}
