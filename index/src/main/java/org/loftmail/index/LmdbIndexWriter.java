package org.loftmail.index;

import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.IndexWriter;

/** The write side of one transaction: keeps names, counts, modseq, sort and thread keys in step. */
final class LmdbIndexWriter extends LmdbIndexReader implements IndexWriter {
    LmdbIndexWriter(Tables tables, Tx tx) {
        super(tables, tx);
    }

    @Override
    public void putMailbox(MailboxInfo mailbox) {
        t.names.get(tx, mailbox.name()).ifPresent(owner -> {
            if (!owner.equals(mailbox.guid())) {
                throw new StorageException(StorageException.Kind.ALREADY_EXISTS,
                        "mailbox already exists: " + mailbox.name());
            }
        });
        t.mailboxes.get(tx, mailbox.guid()).ifPresent(old -> {
            if (!old.name().equals(mailbox.name())) {
                t.names.delete(tx, old.name());
            }
        });
        t.names.put(tx, mailbox.name(), mailbox.guid());
        t.mailboxes.put(tx, mailbox);
    }

    @Override
    public void deleteMailbox(MailboxGuid mailbox) {
        t.mailboxes.get(tx, mailbox).ifPresent(m -> t.names.delete(tx, m.name()));
        t.mailboxes.delete(tx, mailbox);
        t.counts.delete(tx, mailbox);
        t.messages.deleteMailbox(tx, mailbox);
        t.modSeqs.deleteMailbox(tx, mailbox);
        t.expunged.deleteMailbox(tx, mailbox);
        t.sort.deleteMailbox(tx, mailbox);
        t.messageKeys.deleteMailbox(tx, mailbox);
        t.metadata.deleteMailbox(tx, mailbox);
    }

    @Override
    public void putSummary(MessageGuid guid, MessageSummary summary) {
        t.summaries.put(tx, guid, summary.toBytes());
        t.keys.put(tx, guid, new MessageKeys(summary.sortKeys(), summary.threadKeys()));
    }

    /** Stores keys without a summary: for tests, since the summary parser is still a stub. */
    void putKeys(MessageGuid guid, MessageKeys keys) {
        t.keys.put(tx, guid, keys);
    }

    @Override
    public void putMessage(MailboxGuid mailbox, MessageInfo m) {
        if (!t.mailboxes.exists(tx, mailbox)) {
            throw StorageException.notFound("mailbox " + mailbox);
        }
        MessageInfo old = t.messages.get(tx, mailbox, m.uid());
        t.messages.put(tx, mailbox, m);
        if (old == null) {
            insertDerived(mailbox, m);
            return;
        }
        if (old.modSeq() != m.modSeq()) {
            t.modSeqs.delete(tx, mailbox, old.modSeq(), old.uid());
            t.modSeqs.put(tx, mailbox, m.modSeq(), m.uid());
        }
        long unseen = unseen(m) - unseen(old);
        long vsize = m.virtualSize() - old.virtualSize();
        if (unseen != 0 || vsize != 0) {
            t.counts.add(tx, mailbox, 0, unseen, vsize);
        }
        // Sort keys hang off these; a flag change (the common update) leaves them alone.
        if (!old.guid().equals(m.guid()) || old.internalDate() != m.internalDate() || vsize != 0) {
            MessageKeys keys = placedKeys(mailbox, old);
            t.sort.delete(tx, mailbox, old, keys.sort());
            t.messageKeys.delete(tx, mailbox, old.uid());
            insertKeys(mailbox, m);
        }
    }

    @Override
    public void removeMessage(MailboxGuid mailbox, long uid, long modSeq) {
        MessageInfo old = t.messages.get(tx, mailbox, uid);
        if (old == null) {
            return;
        }
        t.sort.delete(tx, mailbox, old, placedKeys(mailbox, old).sort());
        t.messageKeys.delete(tx, mailbox, uid);
        t.modSeqs.delete(tx, mailbox, old.modSeq(), uid);
        t.messages.delete(tx, mailbox, uid);
        t.counts.add(tx, mailbox, -1, -unseen(old), -old.virtualSize());
        t.expunged.put(tx, mailbox, modSeq, uid);
    }

    @Override
    public void putBlob(BlobEntry blob) {
        t.blobs.put(tx, blob);
    }

    @Override
    public void removeBlob(MessageGuid guid) {
        t.blobs.delete(tx, guid);
        t.summaries.delete(tx, guid);
        t.keys.delete(tx, guid);
    }

    @Override
    public long appendChange(ChangeRecord change) {
        return t.changes.append(tx, change);
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        t.subscriptions.put(tx, name, subscribed);
    }

    @Override
    public void putMetadata(MailboxGuid mailbox, String entry, byte[] value) {
        t.metadata.put(tx, mailbox, entry, value);
    }

    @Override
    public void setTail(BlobLocation tail) {
        t.meta.setTail(tx, tail);
    }

    @Override
    public void addLiveBytes(int file, long delta) {
        t.files.add(tx, file, delta);
    }

    @Override
    public void removeFile(int file) {
        t.files.remove(tx, file);
    }

    private void insertDerived(MailboxGuid mailbox, MessageInfo m) {
        t.modSeqs.put(tx, mailbox, m.modSeq(), m.uid());
        t.counts.add(tx, mailbox, 1, unseen(m), m.virtualSize());
        insertKeys(mailbox, m);
    }

    /**
     * Copies the message's keys to this placement. Without a cached summary the message sorts
     * and threads like one with no headers rather than vanishing from SORT and THREAD results.
     */
    private void insertKeys(MailboxGuid mailbox, MessageInfo m) {
        byte[] encoded = t.keys.get(tx, m.guid());
        if (encoded == null) {
            encoded = MessageKeys.fallback(m.internalDate()).toBytes();
        }
        t.messageKeys.put(tx, mailbox, m.uid(), encoded);
        t.sort.put(tx, mailbox, m, MessageKeys.fromBytes(encoded).sort());
    }

    /** The keys this placement was inserted with. */
    private MessageKeys placedKeys(MailboxGuid mailbox, MessageInfo m) {
        byte[] encoded = t.messageKeys.get(tx, mailbox, m.uid());
        if (encoded == null) {
            throw RecordReader.corrupt("no keys for uid " + m.uid() + " in " + mailbox);
        }
        return MessageKeys.fromBytes(encoded);
    }

    private static long unseen(MessageInfo m) {
        return m.flags().has(Flags.SEEN) ? 0 : 1;
    }
}
