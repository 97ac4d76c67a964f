package org.loftmail.pop3.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.loftmail.pop3.codec.Pop3Frame;
import org.loftmail.pop3.session.CommandHandler;
import org.loftmail.pop3.session.MaildropLocks;
import org.loftmail.pop3.session.Pop3Services;
import org.loftmail.pop3.session.Pop3Session;
import org.loftmail.pop3.session.Pop3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects one channel to its {@link Pop3Session}; runs on the event loop and never blocks. */
final class Pop3ChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3ChannelHandler.class);

    private final Pop3Services services;
    private final Pop3Settings settings;
    private final CommandHandler commands;
    private final MaildropLocks locks;
    private final boolean implicitTls;
    private Pop3Session session;

    Pop3ChannelHandler(Pop3Services services, Pop3Settings settings, CommandHandler commands, MaildropLocks locks,
                       boolean implicitTls) {
        this.services = services;
        this.settings = settings;
        this.commands = commands;
        this.locks = locks;
        this.implicitTls = implicitTls;
    }

    /** The idle handler: no reads and no write progress for {@code millis} (a slow RETR reader is not idle). */
    static IdleStateHandler idle(long millis) {
        return new IdleStateHandler(true, 0, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new Pop3Session(ctx.channel(), services, settings, commands, locks, implicitTls);
        session.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null || !(msg instanceof Pop3Frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        session.receive((Pop3Frame) msg);
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
        } else if (evt == Pop3Session.Authenticated.INSTANCE) {
            ctx.pipeline().replace("timeout", "timeout", idle(settings.idleTimeout().toMillis()));
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
