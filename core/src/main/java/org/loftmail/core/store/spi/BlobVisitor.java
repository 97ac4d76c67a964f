package org.loftmail.core.store.spi;

/** Receives the records of one file during a scan (rebuild, purge). */
public interface BlobVisitor {
    /** A valid record. A message's content is readable only during this call. */
    void record(BlobLocation location, BlobRecord record);

    /** Bytes from {@code offset} that do not form a valid record; scanning resumes after them. */
    void corrupt(int file, long offset, long length, String reason);
}
