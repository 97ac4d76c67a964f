package org.loftmail.perf.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * One client connection: sends tagged commands one at a time and completes each with its
 * tagged reply. All state is touched on the channel's event loop only; callers on other
 * threads are handed over to it. Tracks the mailbox size from {@code * n EXISTS} and
 * {@code * n EXPUNGE} so that the sequence numbers a client picks are valid in this session.
 */
final class ImapConnection extends SimpleChannelInboundHandler<ImapResponse> {
    /** The command in flight. */
    private static final class Pending {
        String tag;
        long start;
        final CompletableFuture<ImapReply> done = new CompletableFuture<>();
        /** For IDLE: completed by the server's {@code +}. */
        CompletableFuture<Void> continued;
        /** A synchronizing literal waiting for the server's {@code +}. */
        ByteBuf literal;
        ScheduledFuture<?> timeout;
    }

    private final CompletableFuture<ImapConnection> ready = new CompletableFuture<>();
    private final boolean literalPlus;
    private final long timeoutMillis;
    private Channel channel;
    private ScheduledFuture<?> greetingTimeout;
    private Pending pending;
    private int tags;
    private long exists = -1;
    private long uidValidity;
    private long highestModSeq;
    private LongConsumer existsListener = n -> { };

    /**
     * @param literalPlus   send APPEND's message as a LITERAL+ {@code {n+}} in the same write,
     *                      instead of waiting for the server's {@code +}
     * @param timeoutMillis how long a command (or the greeting) may take before the connection is
     *                      given up
     */
    ImapConnection(boolean literalPlus, long timeoutMillis) {
        this.literalPlus = literalPlus;
        this.timeoutMillis = timeoutMillis;
    }

    /** Completes with this connection once the server's greeting has arrived. */
    CompletableFuture<ImapConnection> ready() {
        return ready;
    }

    /** Messages in the selected mailbox as this session knows it; -1 before SELECT. */
    long exists() {
        return exists;
    }

    /** The last {@code [UIDVALIDITY n]} the server sent; 0 before SELECT. */
    long uidValidity() {
        return uidValidity;
    }

    /** The last {@code [HIGHESTMODSEQ n]} the server sent; 0 before SELECT. */
    long highestModSeq() {
        return highestModSeq;
    }

    /** Called on the event loop with n for every {@code * n EXISTS}. */
    void onExists(LongConsumer listener) {
        inLoop(() -> existsListener = listener);
    }

    CompletableFuture<ImapReply> command(String text) {
        return command(text, null);
    }

    /** Sends {@code text}, then {@code literal} as its last argument (APPEND's message). */
    CompletableFuture<ImapReply> command(String text, byte[] literal) {
        Pending p = new Pending();
        inLoop(() -> send(p, text, literal));
        return p.done;
    }

    /**
     * Sends IDLE; the returned future completes when the server says {@code +} (idling). The
     * load tools never send DONE: they close idling connections.
     */
    CompletableFuture<Void> idle() {
        Pending p = new Pending();
        p.continued = new CompletableFuture<>();
        p.done.whenComplete((r, e) -> {
            if (e != null) {
                p.continued.completeExceptionally(e);
            }
        });
        inLoop(() -> send(p, "IDLE", null));
        return p.continued;
    }

    /** Closes the socket; a command in flight fails. */
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    private void send(Pending p, String text, byte[] literal) {
        if (pending != null) {
            p.done.completeExceptionally(new IllegalStateException("a command is already in flight"));
            return;
        }
        if (channel == null || !channel.isActive()) {
            p.done.completeExceptionally(new ClosedChannelException());
            return;
        }
        pending = p;
        p.tag = "a" + (++tags);
        p.start = System.nanoTime();
        armTimeout(p);
        String line = p.tag + " " + text;
        if (literal == null) {
            write(line + "\r\n", null);
        } else if (literalPlus) {
            write(line + " {" + literal.length + "+}\r\n", literal);
        } else {
            p.literal = Unpooled.wrappedBuffer(literal);
            write(line + " {" + literal.length + "}\r\n", null);
        }
    }

    private void write(String line, byte[] literal) {
        ByteBuf buf = channel.alloc().buffer(line.length() + (literal == null ? 0 : literal.length + 2));
        buf.writeCharSequence(line, StandardCharsets.US_ASCII);
        if (literal != null) {
            buf.writeBytes(literal).writeByte('\r').writeByte('\n');
        }
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    private void armTimeout(Pending p) {
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        p.timeout = channel.eventLoop().schedule(() -> {
            if (pending == p) {
                fail(new TimeoutException(p.tag + " got no answer within " + timeoutMillis + " ms"));
                channel.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void inLoop(Runnable r) {
        if (channel == null || channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    // ---- Netty side (event loop) ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        greetingTimeout = channel.eventLoop().schedule(() -> {
            ready.completeExceptionally(new TimeoutException("no greeting within " + timeoutMillis + " ms"));
            channel.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ImapResponse r) {
        if (!ready.isDone()) {
            greetingTimeout.cancel(false);
            if (r.untagged() && (r.word(0).equals("OK") || r.word(0).equals("PREAUTH"))) {
                ready.complete(this);
            } else {
                ready.completeExceptionally(new IllegalStateException("greeting: " + r.tag() + " " + r.text()));
                ctx.close();
            }
            return;
        }
        if (r.untagged()) {
            untagged(r);
            return;
        }
        Pending p = pending;
        if (p == null) {
            return;
        }
        if (r.continuation()) {
            if (p.literal != null) {
                ByteBuf literal = p.literal;
                p.literal = null;
                ctx.write(literal, ctx.voidPromise());
                write("\r\n", null);
            } else if (p.continued != null) {
                p.timeout.cancel(false);
                p.continued.complete(null);
            }
        } else if (r.tag().equals(p.tag)) {
            pending = null;
            p.timeout.cancel(false);
            int space = r.text().indexOf(' ');
            p.done.complete(new ImapReply(r.word(0), space < 0 ? "" : r.text().substring(space + 1),
                    System.nanoTime() - p.start));
        }
    }

    private void untagged(ImapResponse r) {
        long n = r.number("EXISTS");
        if (n >= 0) {
            exists = n;
            existsListener.accept(n);
        } else if (r.number("EXPUNGE") >= 0) {
            exists--;
        } else if (r.text().startsWith("VANISHED ") && !r.text().startsWith("VANISHED (EARLIER)")) {
            exists -= count(r.text().substring("VANISHED ".length()).trim());
        } else if (r.text().startsWith("OK [UIDVALIDITY ")) {
            uidValidity = code(r.text(), "OK [UIDVALIDITY ".length());
        } else if (r.text().startsWith("OK [HIGHESTMODSEQ ")) {
            highestModSeq = code(r.text(), "OK [HIGHESTMODSEQ ".length());
        }
    }

    /** How many numbers a sequence set such as {@code 3:5,9} names. */
    private static long count(String set) {
        long n = 0;
        for (String part : set.split(",")) {
            int colon = part.indexOf(':');
            try {
                n += colon < 0 ? 1 : Math.abs(Long.parseLong(part.substring(colon + 1)) - Long.parseLong(part.substring(0, colon))) + 1;
            } catch (NumberFormatException e) {
                n++;
            }
        }
        return n;
    }

    private static long code(String text, int from) {
        int end = text.indexOf(']', from);
        try {
            return Long.parseLong(text.substring(from, end < 0 ? text.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (greetingTimeout != null) {
            greetingTimeout.cancel(false);
        }
        ready.completeExceptionally(new ClosedChannelException());
        fail(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        fail(cause);
        ctx.close();
    }

    private void fail(Throwable cause) {
        Pending p = pending;
        pending = null;
        if (p != null) {
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            if (p.literal != null) {
                p.literal.release();
            }
            p.done.completeExceptionally(cause);
        }
    }
}
