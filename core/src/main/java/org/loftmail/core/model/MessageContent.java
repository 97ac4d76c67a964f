package org.loftmail.core.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message's raw bytes: in the heap, a (possibly memory-mapped) buffer, or a spool file.
 * Never assumes the whole message fits in the heap; {@link #openStream()} is always streaming.
 */
public interface MessageContent {
    long size();

    /** A fresh stream over all bytes, from the start. */
    InputStream openStream();

    /**
     * All bytes as one read-only buffer, when they are in one already (in the heap or mapped);
     * null when they are only available as a stream. For callers that convert the bytes
     * line by line and can do it faster without a stream.
     */
    default ByteBuffer buffer() {
        return null;
    }

    /** Writes all bytes to {@code out}. */
    default void transferTo(WritableByteChannel out) {
        try (InputStream in = openStream()) {
            in.transferTo(Channels.newOutputStream(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All bytes in a new array; only for small messages and tests. */
    default byte[] toByteArray() {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("message too large for an array: " + size());
        }
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageContent of(byte[] bytes) {
        return of(ByteBuffer.wrap(bytes));
    }

    /** A view of the remaining bytes of {@code buffer}; the buffer's position is not moved. */
    static MessageContent of(ByteBuffer buffer) {
        ByteBuffer view = buffer.slice().asReadOnlyBuffer();
        return new MessageContent() {
            @Override
            public long size() {
                return view.remaining();
            }

            @Override
            public InputStream openStream() {
                if (view.hasArray()) {
                    return new ByteArrayInputStream(view.array(), view.arrayOffset() + view.position(), view.remaining());
                }
                return new ByteBufferInputStream(view.duplicate());
            }

            @Override
            public ByteBuffer buffer() {
                return view.duplicate();
            }

            @Override
            public void transferTo(WritableByteChannel out) {
                ByteBuffer b = view.duplicate();
                try {
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The bytes of a file that nobody modifies while this content is in use (a spool file). */
    static MessageContent of(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MessageContent() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openStream() {
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void transferTo(WritableByteChannel out) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    long pos = 0;
                    while (pos < size) {
                        pos += ch.transferTo(pos, size - pos, out);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** {@code head}'s bytes followed by {@code tail}'s, neither copied (headers a delivery adds before a spooled body). */
    static MessageContent concat(MessageContent head, MessageContent tail) {
        return new MessageContent() {
            @Override
            public long size() {
                return head.size() + tail.size();
            }

            @Override
            public InputStream openStream() {
                return new SequenceInputStream(head.openStream(), tail.openStream());
            }

            @Override
            public void transferTo(WritableByteChannel out) {
                head.transferTo(out);
                tail.transferTo(out);
            }
        };
    }
}
