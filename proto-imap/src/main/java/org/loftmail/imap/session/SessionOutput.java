package org.loftmail.imap.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ForkJoinPool;
import org.loftmail.imap.fetch.ResponseSink;
import org.loftmail.imap.wire.ImapResponseWriter;

/**
 * The session's responses: written into a pooled buffer on the worker thread, sent when the
 * buffer grows past {@link #FLUSH_AT} or the command ends, and paused while the channel is not
 * writable. A 50 MB literal therefore costs the heap about one chunk, whatever the client's speed.
 */
final class SessionOutput implements ResponseSink {
    static final int FLUSH_AT = 64 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final ImapResponseWriter writer;
    private final Object writable = new Object();

    SessionOutput(Channel channel) {
        this.channel = channel;
        this.writer = new ImapResponseWriter(channel.alloc().buffer(256));
    }

    @Override
    public ImapResponseWriter writer() {
        if (writer.buffer().readableBytes() >= FLUSH_AT) {
            flush();
        }
        return writer;
    }

    void utf8(boolean enabled) {
        writer.utf8(enabled);
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

    @Override
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
                            throw new UncheckedIOException(new IOException("message ended " + left + " octets early"));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    chunk.release();
                    throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
                }
                left -= n;
                channel.writeAndFlush(chunk, channel.voidPromise());
                awaitWritable();
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
    void release() {
        writer.buffer().release();
    }
}
