package org.loftmail.proto.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * RFC 4978 COMPRESS=DEFLATE on a channel: raw deflate (RFC 1951, no zlib header) in both
 * directions. Every write is compressed with a sync flush, so a response never waits inside the
 * compressor for more output; input is inflated in pieces of {@link #PIECE} bytes handed on one
 * by one, so a small compressed input cannot make one huge buffer (the IMAP decoder behind keeps
 * its own line and literal limits).
 */
public final class Deflate extends ChannelDuplexHandler {
    static final int PIECE = 16 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            inflater.setInput(in.nioBuffer());
            while (true) {
                ByteBuf piece = ctx.alloc().heapBuffer(PIECE);
                int n;
                try {
                    n = inflater.inflate(piece.array(), piece.arrayOffset() + piece.writerIndex(), piece.writableBytes());
                } catch (DataFormatException e) {
                    piece.release();
                    throw new DecoderException("corrupt DEFLATE stream from the client", e);
                }
                if (n == 0) {
                    piece.release();
                    if (inflater.finished()) {
                        // The client ended its compressed stream: nothing more can be read.
                        ctx.close();
                    }
                    if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                        break;
                    }
                    continue;
                }
                piece.writerIndex(piece.writerIndex() + n);
                ctx.fireChannelRead(piece);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            promise.setFailure(new IllegalArgumentException("cannot compress " + msg.getClass().getName()));
            return;
        }
        try {
            if (!in.isReadable()) {
                ctx.write(in.retain(), promise);
                return;
            }
            ByteBuffer input = in.nioBuffer();
            deflater.setInput(input);
            ByteBuf out = ctx.alloc().heapBuffer(Math.max(64, in.readableBytes() / 2 + 64));
            while (true) {
                if (!out.isWritable()) {
                    out.capacity(out.capacity() * 2);
                }
                int n = deflater.deflate(out.array(), out.arrayOffset() + out.writerIndex(), out.writableBytes(),
                        Deflater.SYNC_FLUSH);
                out.writerIndex(out.writerIndex() + n);
                // A sync flush is complete when it did not fill the space it was given.
                if (out.isWritable() && deflater.needsInput()) {
                    break;
                }
            }
            ctx.write(out, promise);
        } finally {
            in.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inflater.end();
        deflater.end();
    }
}
