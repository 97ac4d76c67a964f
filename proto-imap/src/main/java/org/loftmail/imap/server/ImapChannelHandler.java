package org.loftmail.imap.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.loftmail.imap.session.CommandHandler;
import org.loftmail.imap.session.ImapServices;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.ImapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects one channel to its {@link ImapSession}; runs on the event loop and never blocks. */
final class ImapChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ImapChannelHandler.class);

    private final ImapServices services;
    private final ImapSettings settings;
    private final CommandHandler commands;
    private final boolean implicitTls;
    private ImapSession session;

    ImapChannelHandler(ImapServices services, ImapSettings settings, CommandHandler commands, boolean implicitTls) {
        this.services = services;
        this.settings = settings;
        this.commands = commands;
        this.implicitTls = implicitTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new ImapSession(ctx.channel(), services, settings, commands, implicitTls);
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
            session.timedOut();
        } else if (evt == ImapSession.Authenticated.INSTANCE) {
            long idle = settings.idleTimeout().toMillis();
            ctx.pipeline().replace("timeout", "timeout", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
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
