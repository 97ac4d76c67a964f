package org.loftmail.imap.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.loftmail.imap.codec.ImapFrameDecoder;
import org.loftmail.imap.command.ImapCommands;
import org.loftmail.imap.session.ImapServices;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.proto.netty.ChannelSession;
import org.loftmail.proto.netty.ProtocolServer;
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
    private final ProtocolServer server;

    public ImapServer(ImapServices services, ImapSettings settings, int ioThreads) {
        this.services = services;
        this.settings = settings;
        this.server = new ProtocolServer(new Imap(), settings.maxConnections(), services.tls(), ioThreads);
    }

    /** Binds; returns the bound address (the port is chosen when the listener's is 0). */
    public InetSocketAddress bind(Listener listener) throws InterruptedException {
        if (listener.implicitTls() && services.tls() == null) {
            throw new IllegalArgumentException("an IMAPS listener needs ssl_cert and ssl_key");
        }
        InetSocketAddress bound = server.bind(listener.address(), listener.implicitTls());
        LOG.info("imap listening on {}{}", bound, listener.implicitTls() ? " (TLS)" : "");
        return bound;
    }

    /** Connections open right now. */
    public int connections() {
        return server.connections();
    }

    /**
     * Bytes written by sessions but not yet taken by the kernel, over all connections: bounded
     * by the write watermark per connection however big the responses are.
     */
    public long pendingOutboundBytes() {
        return server.pendingOutboundBytes();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The IMAP pieces of each connection's pipeline. */
    private final class Imap implements ProtocolServer.Protocol {
        @Override
        public ChannelHandler decoder() {
            return new ImapFrameDecoder(settings.limits());
        }

        @Override
        public ChannelSession session(Channel channel, boolean implicitTls) {
            return new ImapSession(channel, services, settings, commands, implicitTls);
        }

        @Override
        public IdleStateHandler loginTimeout() {
            return new IdleStateHandler(settings.loginTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        public IdleStateHandler idleTimeout() {
            return new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        public void refuse(SocketChannel ch, boolean implicitTls) {
            LOG.warn("refusing connection from {}: {} connections open", ch.remoteAddress(), settings.maxConnections());
            ch.writeAndFlush(ch.alloc().buffer().writeBytes(
                    "* BYE Too many connections, try again later.\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .addListener(f -> ch.close());
        }
    }
}
