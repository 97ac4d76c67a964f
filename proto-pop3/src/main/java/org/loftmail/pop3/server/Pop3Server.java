package org.loftmail.pop3.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.pop3.codec.Pop3LineDecoder;
import org.loftmail.pop3.command.Pop3Commands;
import org.loftmail.pop3.session.MaildropLocks;
import org.loftmail.pop3.session.Pop3Services;
import org.loftmail.pop3.session.Pop3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP3 listeners of one node. Each listener is plain (STLS when the services have a TLS
 * context) or implicit TLS (POP3S, port 995). Event loops do I/O only; sessions run on the
 * services' worker pool. The server owns the POP3 lock of every user's maildrop, shared by all
 * its listeners.
 */
public final class Pop3Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

    /** One address to listen on; {@code implicitTls} for POP3S. */
    public record Listener(InetSocketAddress address, boolean implicitTls) { }

    private final Pop3Services services;
    private final Pop3Settings settings;
    private final Pop3Commands commands = new Pop3Commands();
    private final MaildropLocks locks = new MaildropLocks();
    private final EventLoopGroup group;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public Pop3Server(Pop3Services services, Pop3Settings settings, int ioThreads) {
        this.services = services;
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    }

    /** Binds; returns the bound address (the port is chosen when the listener's is 0). */
    public InetSocketAddress bind(Listener listener) throws InterruptedException {
        if (listener.implicitTls() && services.tls() == null) {
            throw new IllegalArgumentException("a POP3S listener needs ssl_cert and ssl_key");
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
                            refuse(ch, listener.implicitTls());
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        open.add(ch);
                        if (listener.implicitTls()) {
                            ch.pipeline().addLast("tls", services.tls().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("timeout", Pop3ChannelHandler.idle(settings.loginTimeout().toMillis()));
                        ch.pipeline().addLast("decoder", new Pop3LineDecoder(settings.maxLineLength()));
                        ch.pipeline().addLast("session", new Pop3ChannelHandler(services, settings, commands, locks,
                                listener.implicitTls()));
                    }
                });
        Channel ch = b.bind(listener.address()).sync().channel();
        channels.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        LOG.info("pop3 listening on {}{}", bound, listener.implicitTls() ? " (TLS)" : "");
        return bound;
    }

    private void refuse(SocketChannel ch, boolean implicitTls) {
        LOG.warn("refusing POP3 connection from {}: {} connections open", ch.remoteAddress(),
                settings.maxConnections());
        if (implicitTls) {
            // Clear text would be garbage to a TLS client.
            ch.close();
            return;
        }
        ch.writeAndFlush(ch.alloc().buffer().writeBytes(
                "-ERR [SYS/TEMP] Too many connections, try again later.\r\n".getBytes(StandardCharsets.US_ASCII)))
                .addListener(f -> ch.close());
    }

    /** Connections open right now. */
    public int connections() {
        return connections.get();
    }

    /** Users whose maildrop a POP3 session holds locked now. */
    public int lockedMaildrops() {
        return locks.size();
    }

    /**
     * Stops listening and closes every connection while the event loops still run, so each
     * session ends as a dropped one does (nothing deleted, its lock released) on the workers.
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
