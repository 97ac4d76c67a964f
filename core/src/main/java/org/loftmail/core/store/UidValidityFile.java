package org.loftmail.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last UIDVALIDITY handed out for a user, kept in {@code <user dir>/uidvalidity} (as
 * Dovecot's {@code dovecot-uidvalidity}): a mailbox deleted and created again must never get a
 * UIDVALIDITY it had before, even across restarts and several creates in one second.
 */
final class UidValidityFile {
    private final Path file;
    private long last;

    private UidValidityFile(Path file, long last) {
        this.file = file;
        this.last = last;
    }

    static UidValidityFile open(Path userDir, long atLeast) {
        Path file = userDir.resolve("uidvalidity");
        long stored = 0;
        try {
            stored = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            // first start of this user
        } catch (IOException | NumberFormatException e) {
            // A damaged file: the clock and the existing mailboxes still bound the value from below.
            stored = 0;
        }
        return new UidValidityFile(file, Math.max(stored, atLeast));
    }

    /** A new value, above every earlier one and at least the current time in seconds, made durable first. */
    synchronized long next() {
        long v = Math.max(System.currentTimeMillis() / 1000, last + 1);
        Path tmp = file.resolveSibling("uidvalidity.tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((v + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw StorageException.io("cannot record UIDVALIDITY in " + file, e);
        }
        last = v;
        return v;
    }
}
