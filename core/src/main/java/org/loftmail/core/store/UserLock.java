package org.loftmail.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a user's directory so two processes (a running server and
 * {@code loft admin}) never append to the same files.
 */
final class UserLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private UserLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static UserLock acquire(Path userDir) {
        try {
            Files.createDirectories(userDir);
            FileChannel ch = FileChannel.open(userDir.resolve("loft.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new StorageException(StorageException.Kind.TEMPORARY,
                        "mail of " + userDir + " is in use by another Loft process");
            }
            return new UserLock(ch, l);
        } catch (IOException e) {
            throw StorageException.io("cannot lock " + userDir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock anyway; nothing to recover.
        }
    }
}
