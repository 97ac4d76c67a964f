package org.loftmail.proto.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * A session's responses: written into a pooled buffer on the worker thread, sent when the
 * buffer grows past {@link #FLUSH_AT} or the session flushes, and paused while the channel is not
 * writable. A 50 MB FETCH or RETR therefore costs the heap about one chunk, whatever the
 * client's speed. Throws {@link SessionClosedException} once the channel is gone.
 *
 * @param <W> the protocol's response writer
 */
public final class ChunkedChannelOutput<W extends BufferWriter> {
    private static final int FLUSH_AT = 64 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final W writer;
    private final Object writable = new Object();

    /** @param writers makes the writer over the first buffer ({@code ImapResponseWriter::new}) */
    public ChunkedChannelOutput(Channel channel, Function<ByteBuf, W> writers) {
        this.channel = channel;
        this.writer = writers.apply(channel.alloc().buffer(256));
    }

    /** The writer for the next bytes; sends what it holds first when that is a lot. */
    public W writer() {
        if (writer.buffer().readableBytes() >= FLUSH_AT) {
            flush();
        }
        return writer;
    }

    /** Sends what has been written so far, then waits while the client is slow. */
    public void flush() {
        ByteBuf full = writer.buffer();
        if (!full.isReadable()) {
            return;
        }
        writer.target(channel.alloc().buffer(256));
        channel.writeAndFlush(full, channel.voidPromise());
        awaitWritable();
    }

    /** Hands the pending bytes over for the event loop to send (STARTTLS: the last clear-text line). */
    public ByteBuf take() {
        return writer.target(channel.alloc().buffer(256));
    }

    /**
     * Sends what the writer holds, then exactly {@code length} octets of {@code in}; closes it.
     * Throws {@link UncheckedIOException} if {@code in} ends early.
     */
    public void stream(InputStream in, long length) {
        try (in) {
            flush();
            long left = length;
            while (left > 0) {
                int n = (int) Math.min(CHUNK, left);
                ByteBuf chunk = channel.alloc().buffer(n);
                try {
                    while (chunk.writerIndex() < n) {
                        if (chunk.writeBytes(in, n - chunk.writerIndex()) < 0) {
                            throw new IOException("message ended " + left + " octets early");
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    chunk.release();
                    throw e;
                }
                left -= n;
                send(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends what the writer holds, then all of {@code in}; closes it and returns the octets of {@code in} sent. */
    public long stream(InputStream in) {
        long sent = 0;
        try (in) {
            flush();
            while (true) {
                ByteBuf chunk = channel.alloc().buffer(CHUNK);
                boolean end = false;
                try {
                    while (chunk.isWritable()) {
                        if (chunk.writeBytes(in, chunk.writableBytes()) < 0) {
                            end = true;
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    chunk.release();
                    throw e;
                }
                if (!chunk.isReadable()) {
                    chunk.release();
                    return sent;
                }
                sent += chunk.readableBytes();
                send(chunk);
                if (end) {
                    return sent;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(ByteBuf chunk) {
        channel.writeAndFlush(chunk, channel.voidPromise());
        awaitWritable();
    }

    /** Called on the event loop when the channel's writability changes. */
    public void writabilityChanged() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    private void awaitWritable() {
        if (channel.isActive() && !channel.isWritable()) {
            try {
                // A managed block: the worker pool adds a thread while this one waits for a slow
                // client, so slow readers cannot starve everybody else's commands.
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    @Override
                    public boolean block() throws InterruptedException {
                        synchronized (writable) {
                            if (!isReleasable()) {
                                writable.wait(1000);
                            }
                        }
                        return isReleasable();
                    }

                    @Override
                    public boolean isReleasable() {
                        return !channel.isActive() || channel.isWritable();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionClosedException();
            }
        }
        if (!channel.isActive()) {
            throw new SessionClosedException();
        }
    }

    /** Frees the pending buffer; the session is over. */
    public void release() {
        writer.buffer().release();
    }
}
