package org.loftmail.dbox;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One open {@code m.<n>} file. Positional I/O only, so readers, the scanner and the appender
 * share the channel without coordinating. Once the file is sealed (no longer appended to) the
 * whole file is mapped once and reads slice that mapping.
 */
final class DboxFile implements AutoCloseable {
    private final int number;
    private final FileChannel channel;
    private volatile MappedByteBuffer mapping;

    DboxFile(int number, FileChannel channel) {
        this.number = number;
        this.channel = channel;
    }

    int number() {
        return number;
    }

    FileChannel channel() {
        return channel;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Fills {@code dst} from {@code pos}; EOFException if the file ends first. */
    void readFully(ByteBuffer dst, long pos) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, p);
            if (n < 0) {
                throw new EOFException("m." + number + " ends at " + p);
            }
            p += n;
        }
    }

    ByteBuffer read(long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        readFully(b, pos);
        return b.flip();
    }

    void writeFully(ByteBuffer src, long pos) throws IOException {
        long p = pos;
        while (src.hasRemaining()) {
            p += channel.write(src, p);
        }
    }

    /**
     * The whole file mapped read-only, or null if it is too big for one buffer. Only for sealed
     * files: the mapping is taken once at the file's current size and never grows.
     */
    ByteBuffer sealedMapping() throws IOException {
        MappedByteBuffer m = mapping;
        if (m == null) {
            synchronized (this) {
                m = mapping;
                if (m == null) {
                    long size = channel.size();
                    if (size > Integer.MAX_VALUE) {
                        return null;
                    }
                    m = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                    mapping = m;
                }
            }
        }
        return m;
    }

    /** Forgets the mapping (the file is being truncated or appended to again). */
    void dropMapping() {
        mapping = null;
    }

    /**
     * Closes the channel. The JDK unmaps buffers when they become unreachable; unmapping by hand
     * would crash readers still holding a slice, so we only drop our reference.
     */
    @Override
    public void close() throws IOException {
        mapping = null;
        channel.close();
    }
}
