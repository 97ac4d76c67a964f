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
     * Appends exactly {@code length} octets of {@code in} to the response and closes it. The
     * octets join whatever the writer holds, so pipelined answers of small messages leave in one
     * write instead of one per message; a large one leaves in {@link #FLUSH_AT} pieces. Throws
     * {@link UncheckedIOException} if {@code in} ends early.
     */
    public void stream(InputStream in, long length) {
        try (in) {
            long left = length;
            while (left > 0) {
                int n = fill(in, (int) Math.min(CHUNK, left));
                if (n < 0) {
                    throw new IOException("message ended " + left + " octets early");
                }
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends all of {@code in} to the response as {@link #stream(InputStream, long)} does; returns the octets appended. */
    public long stream(InputStream in) {
        long sent = 0;
        try (in) {
            for (int n = fill(in, CHUNK); n >= 0; n = fill(in, CHUNK)) {
                sent += n;
            }
            return sent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads up to {@code max} octets of {@code in} into the writer's buffer; -1 at its end. */
    private int fill(InputStream in, int max) throws IOException {
        ByteBuf buf = writer().buffer();
        buf.ensureWritable(max);
        return buf.writeBytes(in, max);
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
