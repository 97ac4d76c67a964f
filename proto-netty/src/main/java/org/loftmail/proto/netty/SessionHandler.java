package org.loftmail.proto.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one channel to its {@link ChannelSession}; runs on the event loop and never blocks.
 * At login ({@link Event#AUTHENTICATED}) the login timeout gives way to the idle timeout; a failed
 * TLS handshake closes the connection.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    /** Fired down the pipeline by {@link SessionConnection#authenticated()}. */
    enum Event { AUTHENTICATED }

    private final Function<Channel, ChannelSession> sessions;
    private final Supplier<IdleStateHandler> idleTimeout;
    private ChannelSession session;

    SessionHandler(Function<Channel, ChannelSession> sessions, Supplier<IdleStateHandler> idleTimeout) {
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = sessions.apply(ctx.channel());
        session.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        session.receive(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (session != null) {
                session.timedOut();
            }
        } else if (evt == Event.AUTHENTICATED) {
            ctx.pipeline().replace(ProtocolServer.TIMEOUT, ProtocolServer.TIMEOUT, idleTimeout.get());
        } else if (evt instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) evt).isSuccess()) {
            LOG.debug("TLS handshake failed from {}: {}", ctx.channel().remoteAddress(),
                    ((SslHandshakeCompletionEvent) evt).cause().toString());
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
