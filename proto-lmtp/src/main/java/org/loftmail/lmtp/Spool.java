package org.loftmail.lmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.loftmail.core.model.MessageContent;

/**
 * One incoming message while it arrives: in the heap up to {@code memoryLimit} bytes, then in a
 * file in the spool directory, so a large message never sits in the heap. The same bytes are
 * then saved for every recipient. Not thread-safe; {@link #close()} deletes the file.
 */
final class Spool extends OutputStream {
    private final Path dir;
    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private FileChannel channel;
    private long size;

    Spool(Path dir, int memoryLimit) {
        this.dir = dir;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (channel == null && memory.size() + (long) len > memoryLimit) {
            file = Files.createTempFile(dir, "lmtp-", ".eml");
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            writeFully(ByteBuffer.wrap(memory.toByteArray()));
            memory = null;
        }
        if (channel != null) {
            writeFully(ByteBuffer.wrap(b, off, len));
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    long size() {
        return size;
    }

    /** The bytes written so far; the spool must not be written to while the content is in use. */
    MessageContent content() throws IOException {
        if (channel == null) {
            return MessageContent.of(memory.toByteArray());
        }
        // No fsync: the spool is a buffer, not a promise; the store makes the saved copy durable.
        return MessageContent.of(file);
    }

    /** Forgets the bytes and deletes the file, if any. */
    @Override
    public void close() {
        memory = null;
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover spool file only costs disk space until the directory is cleaned.
            }
            channel = null;
        }
    }
}
