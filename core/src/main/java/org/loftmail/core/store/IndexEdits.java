package org.loftmail.core.store;

import java.util.Map;
import java.util.Optional;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.IndexWriter;

/** Small edits every write makes inside an index transaction: change-log entries, refcounts, counters. */
final class IndexEdits {
    private IndexEdits() {
    }

    static ChangeRecord change(IndexWriter w, ChangeRecord.Type type, MailboxGuid mailbox, long uid,
                                       MessageGuid message, long modSeq) {
        ChangeRecord c = new ChangeRecord(0, type, mailbox, uid, message, modSeq);
        return c.withSeq(w.appendChange(c));
    }

    static void addRef(IndexWriter w, MessageGuid guid) {
        BlobEntry b = w.blob(guid).orElseThrow(() -> new StorageException(StorageException.Kind.CORRUPT,
                "index has no blob for " + guid));
        if (b.refCount() == 0) {
            w.addLiveBytes(b.location().file(), b.location().length());
        }
        w.putBlob(new BlobEntry(guid, b.location(), b.refCount() + 1));
    }

    static void dropRef(IndexWriter w, MessageGuid guid) {
        Optional<BlobEntry> found = w.blob(guid);
        if (found.isEmpty()) {
            return;
        }
        BlobEntry b = found.get();
        int refs = Math.max(0, b.refCount() - 1);
        if (refs == 0 && b.refCount() > 0) {
            w.addLiveBytes(b.location().file(), -b.location().length());
        }
        w.putBlob(new BlobEntry(guid, b.location(), refs));
    }

    static MailboxInfo withCounters(MailboxInfo m, long uidNext, long modSeq) {
        return new MailboxInfo(m.guid(), m.name(), m.uidValidity(), uidNext, modSeq, m.specialUse());
    }

    static StorageException noMailbox(Object which) {
        return StorageException.notFound("Mailbox doesn't exist: " + which);
    }

    static StorageException noMessage(MailboxGuid mailbox, long uid) {
        return StorageException.notFound("no message with UID " + uid + " in " + mailbox);
    }

    /** A mailbox's UIDNEXT and HIGHESTMODSEQ while one transaction advances them. */
    static final class Counters {
        final MailboxInfo base;
        long uidNext;
        long modSeq;

        Counters(MailboxInfo base) {
            this.base = base;
            this.uidNext = base.uidNext();
            this.modSeq = base.highestModSeq();
        }

        MailboxInfo info() {
            return withCounters(base, uidNext, modSeq);
        }
    }

    static Counters counters(IndexWriter w, Map<MailboxGuid, Counters> touched, MailboxGuid guid) {
        return touched.computeIfAbsent(guid, g -> new Counters(w.mailbox(g).orElseThrow(() -> noMailbox(g))));
    }
}
