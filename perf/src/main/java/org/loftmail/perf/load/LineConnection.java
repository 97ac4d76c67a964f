package org.loftmail.perf.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One POP3 or LMTP client connection on Netty, as the load tools use it: commands are written
 * as given (pipelined, several in one write if the caller likes), and each {@link #expect}ed
 * reply completes in order. Replies are parsed straight from the received buffers and never
 * stored: a POP3 multi-line answer is only scanned for its terminating {@code CRLF . CRLF} and
 * counted. Everything runs on the channel's event loop; {@link #expect} and {@link #write} must
 * be called there too (from a completion of this connection, or through {@link #inLoop}).
 */
final class LineConnection extends ChannelInboundHandlerAdapter {
    /** What kind of reply the next one is. */
    enum Kind {
        /** One line: a POP3 status, or SMTP when the server is known to answer in one line. */
        LINE,
        /** POP3 {@code RETR}/{@code TOP}/{@code LIST}: a status line, then if {@code +OK} lines up to {@code .}. */
        MULTI,
        /** An SMTP/LMTP reply: {@code 250-…} lines up to the one with a space after the code. */
        SMTP
    }

    /**
     * A reply: its (last) status line, all its lines for SMTP, whether it was positive
     * ({@code +OK}, 2xx or 3xx), and the octets of a multi-line body (its dot-stuffed wire form, without the final {@code .}).
     */
    record Reply(String status, String text, boolean ok, long octets) { }

    private static final int MAX_LINE = 64 * 1024;

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Channel channel;
    private ByteBuf in;
    private Throwable failed;

    private static final class Pending {
        final Kind kind;
        final CompletableFuture<Reply> done = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();
        String status;
        /** For MULTI: 0 at a line start, 1 in a line, 2 "." at a line start, 3 ". CR". */
        int state;
        long octets;
        boolean inBody;

        Pending(Kind kind) {
            this.kind = kind;
        }
    }

    /**
     * Connects; completes with the connection and its greeting (a {@code kind} reply) once the
     * greeting is read. A read silent for {@code timeoutSeconds} fails every pending reply.
     */
    static CompletableFuture<LineConnection> connect(EventLoopGroup group, InetSocketAddress address, Kind greeting,
                                                     int timeoutSeconds) {
        LineConnection c = new LineConnection();
        Pending hello = new Pending(greeting);
        c.pending.add(hello);
        CompletableFuture<LineConnection> ready = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutSeconds * 1000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(timeoutSeconds, TimeUnit.SECONDS), c);
                    }
                })
                .connect(address).addListener(f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(f.cause());
                    }
                });
        hello.done.whenComplete((r, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else if (!r.ok()) {
                ready.completeExceptionally(new IOException("server greeting: " + r.status()));
                c.close();
            } else {
                ready.complete(c);
            }
        });
        return ready;
    }

    /** Runs {@code r} on this connection's event loop. */
    void inLoop(Runnable r) {
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    /** Queues the expectation of one more reply. */
    CompletableFuture<Reply> expect(Kind kind) {
        Pending p = new Pending(kind);
        if (failed != null) {
            p.done.completeExceptionally(failed);
        } else {
            pending.add(p);
        }
        return p.done;
    }

    /** Writes {@code ascii} (a command line or several). */
    void write(String ascii) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(ascii.getBytes(StandardCharsets.US_ASCII)), channel.voidPromise());
    }

    /** Writes {@code bytes} and then {@code ascii}, in one flush (a message and its final dot). */
    void write(byte[] bytes, String ascii) {
        channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        write(ascii);
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        in = ctx.alloc().buffer(4096);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            in.writeBytes(b);
        } finally {
            b.release();
        }
        try {
            parse();
        } catch (IOException e) {
            fail(e);
            ctx.close();
        }
        in.discardSomeReadBytes();
    }

    private void parse() throws IOException {
        while (in.isReadable()) {
            Pending p = pending.peek();
            if (p == null) {
                throw new IOException("unexpected data from the server: "
                        + in.toString(in.readerIndex(), Math.min(80, in.readableBytes()), StandardCharsets.ISO_8859_1));
            }
            if (p.inBody) {
                if (!scanBody(p)) {
                    return;
                }
            } else {
                String line = line();
                if (line == null) {
                    return;
                }
                if (!status(p, line)) {
                    continue;
                }
                if (p.inBody) {
                    continue;
                }
            }
            pending.poll();
            p.done.complete(new Reply(p.status, p.text.toString(), positive(p.status), p.octets));
        }
    }

    /** Takes one status line; true when the reply is complete or its body follows. */
    private boolean status(Pending p, String line) {
        switch (p.kind) {
            case LINE:
                p.status = line;
                return true;
            case MULTI:
                p.status = line;
                p.inBody = line.startsWith("+OK");
                return true;
            default:
                p.text.append(line).append('\n');
                if (line.length() > 3 && line.charAt(3) == '-') {
                    return false;
                }
                p.status = line;
                return true;
        }
    }

    /** Scans body octets for CRLF . CRLF; true once found (the reply is complete). */
    private boolean scanBody(Pending p) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int state = p.state;
        int i = start;
        boolean done = false;
        while (i < end) {
            byte c = in.getByte(i++);
            if (c == '\n') {
                if (state == 3) {
                    done = true;
                    break;
                }
                state = 0;
            } else if (state == 0) {
                state = c == '.' ? 2 : 1;
            } else if (state == 2) {
                state = c == '\r' ? 3 : 1;
            } else if (state == 3) {
                state = 1;
            }
        }
        p.state = state;
        p.octets += i - start;
        in.readerIndex(i);
        if (done) {
            p.inBody = false;
            p.octets -= 3;
        }
        return done;
    }

    /** The next line without its line end, or null when it has not all arrived. */
    private String line() throws IOException {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " octets");
            }
            return null;
        }
        int len = lf - in.readerIndex();
        if (len > 0 && in.getByte(lf - 1) == '\r') {
            len--;
        }
        String line = in.toString(in.readerIndex(), len, StandardCharsets.ISO_8859_1);
        in.readerIndex(lf + 1);
        return line;
    }

    private static boolean positive(String status) {
        if (status == null || status.isEmpty()) {
            return false;
        }
        char c = status.charAt(0);
        return status.startsWith("+OK") || c == '2' || c == '3';
    }

    private void fail(Throwable e) {
        if (failed == null) {
            failed = e;
        }
        for (Pending p; (p = pending.poll()) != null; ) {
            p.done.completeExceptionally(e);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("the server closed the connection"));
        if (in != null) {
            in.release();
            in = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }
}
