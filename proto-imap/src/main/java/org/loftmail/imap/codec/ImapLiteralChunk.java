package org.loftmail.imap.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A piece of a streamed literal, in order, as it arrived. The receiver owns (and must release)
 * the buffer. {@code last} marks the chunk that completes the literal.
 */
public final class ImapLiteralChunk extends DefaultByteBufHolder {
    private final boolean last;

    public ImapLiteralChunk(ByteBuf content, boolean last) {
        super(content);
        this.last = last;
    }

    public boolean isLast() {
        return last;
    }

    @Override
    public String toString() {
        return "ImapLiteralChunk(" + content().readableBytes() + (last ? ", last)" : ")");
    }
}
