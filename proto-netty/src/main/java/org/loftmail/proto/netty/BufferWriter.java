package org.loftmail.proto.netty;

import io.netty.buffer.ByteBuf;

/** A protocol's response writer: writes into a buffer the output owns and can swap. */
public interface BufferWriter {
    /** The buffer being written. */
    ByteBuf buffer();

    /** Continues writing into {@code next}; returns the previous buffer for the caller to send. */
    ByteBuf target(ByteBuf next);
}
