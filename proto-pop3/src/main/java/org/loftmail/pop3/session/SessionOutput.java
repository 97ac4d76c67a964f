package org.loftmail.pop3.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ForkJoinPool;
import org.loftmail.pop3.wire.Pop3ResponseWriter;

/**
 * The session's responses: written into a pooled buffer on the worker thread, sent when the
 * buffer grows past {@link #FLUSH_AT} or the queue runs dry, and paused while the channel is not
 * writable. A 50 MB RETR therefore costs the heap about one chunk, whatever the client's speed.
 */
final class SessionOutput {
    static final int FLUSH_AT = 64 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final Pop3ResponseWriter writer;
    private final Object writable = new Object();

    SessionOutput(Channel channel) {
        this.channel = channel;
        this.writer = new Pop3ResponseWriter(channel.alloc().buffer(256));
    }

    Pop3ResponseWriter writer() {
        if (writer.buffer().readableBytes() >= FLUSH_AT) {
            flush();
        }
        return writer;
    }

    /** Sends what has been written so far, then waits while the client is slow. */
    void flush() {
        ByteBuf full = writer.buffer();
        if (!full.isReadable()) {
            return;
        }
        writer.target(channel.alloc().buffer(256));
        channel.writeAndFlush(full, channel.voidPromise());
        awaitWritable();
    }

    /** Hands the pending bytes over for the event loop to send (STLS: the last clear-text line). */
    ByteBuf take() {
        return writer.target(channel.alloc().buffer(256));
    }

    /** Sends all of {@code in} in chunks with backpressure; returns the octets sent. */
    long stream(InputStream in) {
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
                channel.writeAndFlush(chunk, channel.voidPromise());
                awaitWritable();
                if (end) {
                    return sent;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called on the event loop when the channel's writability changes. */
    void writabilityChanged() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    private void awaitWritable() {
        if (channel.isActive() && !channel.isWritable()) {
            try {
                // A managed block: a ForkJoin worker pool adds a thread while this one waits
                // for a slow client, so slow readers cannot starve everybody else's commands.
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
    void release() {
        writer.buffer().release();
    }
}
