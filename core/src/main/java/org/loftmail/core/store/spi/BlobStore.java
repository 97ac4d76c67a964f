package org.loftmail.core.store.spi;

import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MailboxInfo;

/**
 * One user's append-only message files. Thread-safe. Implementations must never modify a byte
 * once {@link #append} has returned, except by {@link #truncate} and {@link #delete}.
 */
public interface BlobStore extends AutoCloseable {
    /** Opens (creating if needed) the blob store in a user's directory. */
    interface Factory {
        BlobStore open(Path userDir);
    }

    /**
     * Appends the records in order and makes them durable (one fsync for the whole list;
     * concurrent callers may share it) before returning their locations, in the same order.
     * Files rotate at the configured size between records, never inside one.
     */
    List<BlobLocation> append(List<? extends BlobRecord> records);

    /** The message bytes of the {@link BlobRecord.Message} at {@code location}. */
    MessageContent read(BlobLocation location);

    /** Existing file numbers, ascending. */
    List<Integer> files();

    /** The file new records go to; purge leaves it alone. */
    int currentFile();

    long fileSize(int file);

    /** Visits every record of {@code file} in offset order, reporting corrupt stretches. */
    void scan(int file, BlobVisitor visitor);

    /** Removes a file whose records are all dead or were copied elsewhere. */
    void delete(int file);

    /**
     * Discards everything after {@code tail} (bytes appended but never committed to the index,
     * and later files). {@code null} means nothing was ever committed.
     */
    void truncate(BlobLocation tail);

    /** Atomically replaces the durable list of mailboxes (used by rebuild). */
    void writeMailboxList(List<MailboxInfo> mailboxes);

    /** The list last written, empty if none. */
    List<MailboxInfo> readMailboxList();

    @Override
    void close();
}
