package org.loftmail.server.mbox;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loftmail.core.model.MessageContent;

/** Collects one message's bytes: in memory while small, in a temporary file past {@value #IN_MEMORY} bytes. */
final class MessageSpool {
    static final int IN_MEMORY = 8 << 20;
    static final int HEAD = 64 << 10;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    private OutputStream file;
    private Path path;

    void write(byte[] b, int len) throws IOException {
        if (head.size() < HEAD) {
            head.write(b, 0, Math.min(len, HEAD - head.size()));
        }
        if (file == null && memory.size() + len > IN_MEMORY) {
            path = Files.createTempFile("loft-mbox-", ".eml");
            file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            memory.writeTo(file);
            memory = null;
        }
        if (file != null) {
            file.write(b, 0, len);
        } else {
            memory.write(b, 0, len);
        }
    }

    /** The first bytes of the message (its headers, for Status/X-Status). */
    byte[] head() {
        return head.toByteArray();
    }

    MboxMessage finish(long internalDate, org.loftmail.core.model.Flags flags) throws IOException {
        if (file != null) {
            file.close();
            return new MboxMessage(MessageContent.of(path), path, internalDate, flags);
        }
        return new MboxMessage(MessageContent.of(memory.toByteArray()), null, internalDate, flags);
    }
}
