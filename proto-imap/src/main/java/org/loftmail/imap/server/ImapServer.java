package org.loftmail.imap.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.imap.codec.ImapFrameDecoder;
import org.loftmail.imap.command.ImapCommands;
import org.loftmail.imap.session.ImapServices;
import org.loftmail.imap.session.ImapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMAP listeners of one node. Each listener is plain (STARTTLS when the services have a TLS
 * context) or implicit TLS (IMAPS). Event loops do I/O only; sessions run on the services'
 * worker pool.
 */
public final class ImapServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapServer.class);

    /** One address to listen on; {@code implicitTls} for IMAPS. */
    public record Listener(InetSocketAddress address, boolean implicitTls) { }

    private final ImapServices services;
    private final ImapSettings settings;
    private final ImapCommands commands = new ImapCommands();
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public ImapServer(ImapServices services, ImapSettings settings, int ioThreads) {
        this.services = services;
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    }

    /** Binds; returns the bound address (the port is chosen when the listener's is 0). */
    public InetSocketAddress bind(Listener listener) throws InterruptedException {
        if (listener.implicitTls() && services.tls() == null) {
            throw new IllegalArgumentException("an IMAPS listener needs ssl_cert and ssl_key");
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > settings.maxConnections()) {
                            connections.decrementAndGet();
                            LOG.warn("refusing connection from {}: {} connections open", ch.remoteAddress(),
                                    settings.maxConnections());
                            ch.writeAndFlush(ch.alloc().buffer().writeBytes(
                                    "* BYE Too many connections, try again later.\r\n".getBytes(
                                            java.nio.charset.StandardCharsets.US_ASCII)))
                                    .addListener(f -> ch.close());
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        open.add(ch);
                        if (listener.implicitTls()) {
                            ch.pipeline().addLast("tls", services.tls().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("timeout", new IdleStateHandler(settings.loginTimeout().toMillis(), 0, 0,
                                TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("decoder", new ImapFrameDecoder(settings.limits()));
                        ch.pipeline().addLast("session", new ImapChannelHandler(services, settings, commands,
                                listener.implicitTls()));
                    }
                });
        Channel ch = b.bind(listener.address()).sync().channel();
        channels.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        LOG.info("imap listening on {}{}", bound, listener.implicitTls() ? " (TLS)" : "");
        return bound;
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
            io.netty.channel.ChannelOutboundBuffer b = c.unsafe().outboundBuffer();
            if (b != null) {
                total += b.totalPendingWriteBytes();
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
