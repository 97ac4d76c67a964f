package org.loftmail.core.store.spi;

import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;

/**
 * The write side of one transaction. Reads through it see its own writes. The index keeps its
 * derived tables (name lookup, counts, modseq order, sort and thread keys, expunge log)
 * consistent by itself; callers decide UIDs, modseqs and refcounts.
 */
public interface IndexWriter extends IndexReader {
    /** Inserts or replaces a mailbox (a changed name is a rename). Names must stay unique. */
    void putMailbox(MailboxInfo mailbox);

    /** Removes a mailbox with all its messages, keys and expunge log. Blob refs are the caller's. */
    void deleteMailbox(MailboxGuid mailbox);

    /** Caches a message's summary and its sort/thread keys, once per GUID. */
    void putSummary(MessageGuid guid, MessageSummary summary);

    /** Inserts or updates a message; on insert, its sort/thread keys come from its summary. */
    void putMessage(MailboxGuid mailbox, MessageInfo message);

    /** Removes a message and records it in the expunge log at {@code modSeq}. */
    void removeMessage(MailboxGuid mailbox, long uid, long modSeq);

    void putBlob(BlobEntry blob);

    /** Forgets a blob and its cached summary (after purge removed its bytes). */
    void removeBlob(MessageGuid guid);

    /** Appends to the change log; returns the assigned seq. */
    long appendChange(ChangeRecord change);

    void subscribe(MailboxName name, boolean subscribed);

    /** Sets an RFC 5464 entry of a mailbox (the server's for null); a null value removes it. */
    void putMetadata(MailboxGuid mailbox, String entry, byte[] value);

    void setTail(BlobLocation tail);

    /** Adjusts a blob file's live-byte count by {@code delta}. */
    void addLiveBytes(int file, long delta);

    /** Drops the live-byte count of a deleted file. */
    void removeFile(int file);
}
