package org.loftmail.proto.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listeners of one protocol on one node, on their own event loops (I/O only; sessions run on
 * the protocol's worker pool). Every connection gets the pipeline {@code tls} (implicit TLS
 * only) → {@code timeout} → {@code decoder} → {@code session}; past the connection limit the
 * protocol refuses it instead.
 */
public final class ProtocolServer implements AutoCloseable {
    static final String TLS = "tls";
    static final String TIMEOUT = "timeout";
    static final String DECODER = "decoder";
    static final String DEFLATE = "deflate";
    static final String SESSION = "session";

    /** What differs between protocols. */
    public interface Protocol {
        /** A frame decoder for a new connection. */
        ChannelHandler decoder();

        /** The session of a new connection; {@code implicitTls} for IMAPS/POP3S. */
        ChannelSession session(Channel channel, boolean implicitTls);

        /** The timeout until login. */
        IdleStateHandler loginTimeout();

        /** The timeout after login. */
        IdleStateHandler idleTimeout();

        /** Over the connection limit: log it, tell the client if it can understand, close. */
        void refuse(SocketChannel channel, boolean implicitTls);
    }

    private final Protocol protocol;
    private final int maxConnections;
    private final SslContext tls;
    private final EventLoopGroup group;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    /**
     * A worker stops writing once this much waits for the socket. Netty's default (64 KiB) is one
     * {@link ChunkedChannelOutput} flush, so every flush of a large answer stopped the worker
     * until the event loop had written it; four flushes' worth lets reading the next message
     * overlap sending the last. A slow client costs at most about 320 KiB.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    /** @param tls for implicit-TLS listeners; null when the node has no certificate */
    public ProtocolServer(Protocol protocol, int maxConnections, SslContext tls, int ioThreads) {
        this.protocol = protocol;
        this.maxConnections = maxConnections;
        this.tls = tls;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    }

    /** Binds; returns the bound address (the port is chosen when {@code address}'s is 0). */
    public InetSocketAddress bind(InetSocketAddress address, boolean implicitTls) throws InterruptedException {
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("an implicit-TLS listener needs a TLS context");
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > maxConnections) {
                            connections.decrementAndGet();
                            protocol.refuse(ch, implicitTls);
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        open.add(ch);
                        if (implicitTls) {
                            ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(TIMEOUT, protocol.loginTimeout());
                        ch.pipeline().addLast(DECODER, protocol.decoder());
                        ch.pipeline().addLast(SESSION, new SessionHandler(c -> protocol.session(c, implicitTls),
                                protocol::idleTimeout));
                    }
                });
        Channel ch = b.bind(address).sync().channel();
        channels.add(ch);
        return (InetSocketAddress) ch.localAddress();
    }

    /** Connections open right now. */
    public int connections() {
        return connections.get();
    }

    /**
     * Bytes written by sessions but not yet taken by the kernel, over all connections: bounded
     * by the write watermark per connection however big the responses are.
     */
    public long pendingOutboundBytes() {
        long total = 0;
        for (Channel c : open) {
            ChannelOutboundBuffer b = c.unsafe().outboundBuffer();
            if (b != null) {
                total += b.totalPendingWriteBytes();
            }
        }
        return total;
    }

    /**
     * Stops listening and closes every connection while the event loops still run, so each
     * session ends as a dropped one does (its cleanup runs on the workers), then stops the loops.
     */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        open.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
