package org.loftmail.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Where load connections come from: one event loop group shared by every connection, and for
 * {@code --tls} an implicit-TLS context that trusts any certificate (the load tool talks to
 * servers with self-signed certificates; nothing else may do this).
 */
final class ImapClientGroup implements AutoCloseable {
    /** SORT and THREAD answer a large mailbox in one line: 20,000 messages take about 120 KB. */
    private static final int MAX_LINE = 16 << 20;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final boolean literalPlus;
    private final long timeoutMillis;

    ImapClientGroup(int threads, boolean tls, boolean literalPlus, long timeoutMillis) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        this.literalPlus = literalPlus;
        this.timeoutMillis = timeoutMillis;
        try {
            this.ssl = tls ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .endpointIdentificationAlgorithm(null).build()
                    : null;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the client TLS context", e);
        }
    }

    /** Connects; completes once the server's greeting has been read. */
    CompletableFuture<ImapConnection> connect(InetSocketAddress address) {
        ImapConnection connection = new ImapConnection(literalPlus, timeoutMillis);
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), address.getHostString(), address.getPort()));
                }
                ch.pipeline().addLast("decoder", new ImapResponseDecoder(MAX_LINE));
                ch.pipeline().addLast("imap", connection);
            }
        }).connect(address);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connection.ready().completeExceptionally(done.cause());
            }
        });
        return connection.ready();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
