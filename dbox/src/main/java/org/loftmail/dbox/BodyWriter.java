package org.loftmail.dbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * The channel a message body is streamed into: writes at a file position and computes the body
 * CRC on the way, so the body is read exactly once and never held whole in the heap. Refuses
 * more bytes than the content announced, which would overwrite the next record.
 */
final class BodyWriter implements WritableByteChannel {
    private final DboxFile file;
    private final long start;
    private final long limit;
    private final CRC32C crc = new CRC32C();
    private long written;

    BodyWriter(DboxFile file, long start, long limit) {
        this.file = file;
        this.start = start;
        this.limit = limit;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (written + n > limit) {
            throw new IOException("message content is longer than its size " + limit);
        }
        crc.update(src.duplicate());
        file.writeFully(src, start + written);
        written += n;
        return n;
    }

    long written() {
        return written;
    }

    int crc() {
        return (int) crc.getValue();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // The file outlives the body; nothing to release.
    }
}
