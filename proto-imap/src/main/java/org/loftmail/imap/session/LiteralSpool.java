package org.loftmail.imap.session;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.loftmail.core.model.MessageContent;

/**
 * A large literal written to a temporary file while it arrives, so an APPEND of 50 MB never
 * sits in the heap. Deleted on {@link #close()}.
 */
final class LiteralSpool implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    LiteralSpool(Path dir) {
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "append-", ".eml");
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool a literal in " + dir, e);
        }
    }

    void write(ByteBuf chunk) {
        try {
            while (chunk.isReadable()) {
                chunk.readBytes(channel, chunk.readableBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool a literal to " + file, e);
        }
    }

    MessageContent content() {
        return MessageContent.of(file);
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
