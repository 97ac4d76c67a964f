package org.loftmail.core.store.spi;

import java.nio.file.Path;
import java.util.function.Function;

/** One user's index: mailboxes, messages, keys, change log. Thread-safe; one writer at a time. */
public interface MailboxIndex extends AutoCloseable {
    /** Opens (creating if needed) the index in {@code dir}. */
    interface Factory {
        MailboxIndex open(Path dir);
    }

    /** Runs {@code work} in a read transaction; results must not refer to transaction memory. */
    <T> T read(Function<IndexReader, T> work);

    /**
     * Runs {@code work} in a write transaction and commits it durably; if {@code work} throws,
     * nothing is written. {@code work} may run more than once (an implementation may retry after
     * growing its storage), so it must have no effects outside the index, or reset them first.
     * Never call {@code write} from inside {@code read} or {@code write} on the same thread.
     */
    <T> T write(Function<IndexWriter, T> work);

    @Override
    void close();
}
