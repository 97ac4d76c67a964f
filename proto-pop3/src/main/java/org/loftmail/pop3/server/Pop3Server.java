package org.loftmail.pop3.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.loftmail.pop3.codec.Pop3LineDecoder;
import org.loftmail.pop3.command.Pop3Commands;
import org.loftmail.pop3.session.MaildropLocks;
import org.loftmail.pop3.session.Pop3Services;
import org.loftmail.pop3.session.Pop3Session;
import org.loftmail.pop3.session.Pop3Settings;
import org.loftmail.proto.netty.ChannelSession;
import org.loftmail.proto.netty.ProtocolServer;
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
    private final ProtocolServer server;

    public Pop3Server(Pop3Services services, Pop3Settings settings, int ioThreads) {
        this.services = services;
        this.settings = settings;
        this.server = new ProtocolServer(new Pop3(), settings.maxConnections(), services.tls(), ioThreads);
    }

    /** Binds; returns the bound address (the port is chosen when the listener's is 0). */
    public InetSocketAddress bind(Listener listener) throws InterruptedException {
        if (listener.implicitTls() && services.tls() == null) {
            throw new IllegalArgumentException("a POP3S listener needs ssl_cert and ssl_key");
        }
        InetSocketAddress bound = server.bind(listener.address(), listener.implicitTls());
        LOG.info("pop3 listening on {}{}", bound, listener.implicitTls() ? " (TLS)" : "");
        return bound;
    }

    /** Connections open right now. */
    public int connections() {
        return server.connections();
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
        server.close();
    }

    /** The POP3 pieces of each connection's pipeline. */
    private final class Pop3 implements ProtocolServer.Protocol {
        @Override
        public ChannelHandler decoder() {
            return new Pop3LineDecoder(settings.maxLineLength());
        }

        @Override
        public ChannelSession session(Channel channel, boolean implicitTls) {
            return new Pop3Session(channel, services, settings, commands, locks, implicitTls);
        }

        @Override
        public IdleStateHandler loginTimeout() {
            return idle(settings.loginTimeout().toMillis());
        }

        @Override
        public IdleStateHandler idleTimeout() {
            return idle(settings.idleTimeout().toMillis());
        }

        /** No reads and no write progress for {@code millis} (a slow RETR reader is not idle). */
        private IdleStateHandler idle(long millis) {
            return new IdleStateHandler(true, 0, 0, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void refuse(SocketChannel ch, boolean implicitTls) {
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
    }
}
