package org.loftmail.proto.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.loftmail.core.exec.CommandQueue;

/**
 * The worker side of one connection, whatever its protocol: a serial {@link CommandQueue} that
 * stops reading from the socket while too much waits, the {@link ChunkedChannelOutput}, the
 * closed flag, holds that keep later commands waiting without a thread (auth failure delays),
 * and the switch to TLS. The protocol session owns one and keeps its own state; only the item
 * the queue is running touches either.
 *
 * @param <W> the protocol's response writer
 */
public final class SessionConnection<W extends BufferWriter> {
    /** Stop reading from the socket while this many items wait. */
    private static final int QUEUE_HIGH = 16;
    private static final int QUEUE_LOW = 4;

    private final Channel channel;
    private final CommandQueue queue;
    private final ChunkedChannelOutput<W> out;
    private final boolean loopback;
    /** Bumped when TLS starts: anything received before it but not yet run is dropped. */
    private volatile int tlsEpoch;
    private volatile boolean closed;

    public SessionConnection(Channel channel, Executor workers, Function<ByteBuf, W> writers) {
        this.channel = channel;
        this.queue = new CommandQueue(workers);
        this.out = new ChunkedChannelOutput<>(channel, writers);
        this.loopback = channel.remoteAddress() instanceof InetSocketAddress
                && ((InetSocketAddress) channel.remoteAddress()).getAddress().isLoopbackAddress();
    }

    public Channel channel() {
        return channel;
    }

    public ChunkedChannelOutput<W> out() {
        return out;
    }

    // ---- event loop ----

    /** Queues work that does not come from the client (the greeting, a timeout, a wake-up). */
    public void add(Runnable item) {
        queue.add(item);
    }

    /**
     * Queues what the decoder produced for {@code process}; stops reading while the queue is
     * long. Something received in clear text after STARTTLS, before the handshake, is an
     * injection attempt: it is released, not processed.
     */
    public void receive(Object msg, Consumer<Object> process) {
        int epoch = tlsEpoch;
        queue.add(() -> {
            if (epoch != tlsEpoch) {
                ReferenceCountUtil.release(msg);
                return;
            }
            process.accept(msg);
        });
        if (queue.size() >= QUEUE_HIGH) {
            channel.config().setAutoRead(false);
            // The worker may have drained the queue between the check and the switch; its
            // resumeReading saw reading still on and did nothing, so nobody else would turn it
            // back on (a pipelining client then waits forever).
            resumeReading();
        }
    }

    /** The connection is gone: {@code cleanUp} runs on the queue, so no command is mid-way. */
    public void closed(Runnable cleanUp) {
        closed = true;
        queue.add(cleanUp);
    }

    // ---- worker ----

    public boolean isClosed() {
        return closed;
    }

    /** The client went away while writing ({@link SessionClosedException}); nothing more is run. */
    public void markClosed() {
        closed = true;
    }

    /** Nothing more waits in the queue: the item running now is the last one received. */
    public boolean drained() {
        return queue.size() == 0;
    }

    /** At the end of a received item (and after reading stops): reads again once the queue is short. */
    public void resumeReading() {
        if (queue.size() <= QUEUE_LOW && !channel.config().isAutoRead() && !closed) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Runs {@code then} after {@code millis} (the auth failure delay, a login penalty) on the
     * worker, holding further commands but no thread meanwhile; then flushes.
     */
    public void after(long millis, Runnable then) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        channel.eventLoop().schedule(() -> f.complete(null), millis, TimeUnit.MILLISECONDS);
        queue.holdUntil(f, () -> {
            if (!closed) {
                try {
                    then.run();
                    out.flush();
                } catch (SessionClosedException e) {
                    closed = true;
                }
            }
        });
    }

    /**
     * Sends what has been written (the protocol's "begin TLS" answer) in clear text, then puts TLS
     * in front of a fresh {@code decoder} before anything else is read or run: bytes the old
     * decoder holds arrived in clear text after the command.
     */
    public void startTls(SslContext tls, Supplier<ChannelHandler> decoder) {
        ByteBuf okLine = out.take();
        CompletableFuture<Void> started = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            channel.writeAndFlush(okLine);
            tlsEpoch++;
            channel.pipeline().replace(ProtocolServer.DECODER, ProtocolServer.DECODER, decoder.get());
            channel.pipeline().addFirst(ProtocolServer.TLS, tls.newHandler(channel.alloc()));
            started.complete(null);
        });
        queue.holdUntil(started, () -> { });
    }

    /**
     * Writes the pending output (COMPRESS's tagged OK) uncompressed, then compresses both
     * directions with {@link Deflate} (RFC 4978). The decoder is replaced so that nothing read
     * before the switch is taken as compressed input.
     */
    public void compress(Supplier<ChannelHandler> decoder) {
        ByteBuf okLine = out.take();
        CompletableFuture<Void> started = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            channel.writeAndFlush(okLine);
            channel.pipeline().replace(ProtocolServer.DECODER, ProtocolServer.DECODER, decoder.get());
            channel.pipeline().addBefore(ProtocolServer.DECODER, ProtocolServer.DEFLATE, new Deflate());
            started.complete(null);
        });
        queue.holdUntil(started, () -> { });
    }

    /** Fires {@link SessionHandler.Event#AUTHENTICATED} so the login timeout gives way to the idle one. */
    public void authenticated() {
        channel.pipeline().fireUserEventTriggered(SessionHandler.Event.AUTHENTICATED);
    }

    /** The client's address, or null when the channel has none (tests). */
    public InetAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) channel.remoteAddress()).getAddress() : null;
    }

    public InetAddress localAddress() {
        return channel.localAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) channel.localAddress()).getAddress() : null;
    }

    /** Whether the client connected over loopback (plaintext logins are allowed there). */
    public boolean loopback() {
        return loopback;
    }
}
