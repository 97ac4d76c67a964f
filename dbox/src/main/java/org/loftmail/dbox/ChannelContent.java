package org.loftmail.dbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import org.loftmail.core.model.MessageContent;

/**
 * A message body read straight from its file with positional reads: used by scans (most
 * visitors never look at the body) and for bodies too large for one mapped buffer.
 */
final class ChannelContent implements MessageContent {
    private final FileChannel channel;
    private final long start;
    private final long size;

    ChannelContent(FileChannel channel, long start, long size) {
        this.channel = channel;
        this.start = start;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() {
        return new InputStream() {
            private long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= size) {
                    return -1;
                }
                ByteBuffer dst = ByteBuffer.wrap(b, off, (int) Math.min(len, size - pos));
                int n = channel.read(dst, start + pos);
                if (n < 0) {
                    throw new IOException("blob file ends inside a message body");
                }
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, size - pos));
                pos += k;
                return k;
            }
        };
    }

    @Override
    public void transferTo(WritableByteChannel out) {
        try {
            long done = 0;
            while (done < size) {
                long n = channel.transferTo(start + done, size - done, out);
                if (n <= 0 && channel.size() < start + size) {
                    throw new IOException("blob file ends inside a message body");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
