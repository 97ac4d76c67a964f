package org.loftmail.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.FlagsVisitor;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.mime.SortKeys;
import org.loftmail.core.store.spi.SortPlacementVisitor;
import org.loftmail.core.store.spi.SortVisitor;
import org.loftmail.core.store.spi.ThreadKeysVisitor;
import org.loftmail.core.store.spi.MailboxCounts;

/** The read side of one transaction; the writer extends it so reads see the transaction's writes. */
sealed class LmdbIndexReader implements IndexReader permits LmdbIndexWriter {
    final Tables t;
    final Tx tx;

    LmdbIndexReader(Tables tables, Tx tx) {
        this.t = tables;
        this.tx = tx;
    }

    @Override
    public List<MailboxInfo> mailboxes() {
        List<MailboxInfo> all = new ArrayList<>(t.mailboxes.all(tx));
        all.sort(Comparator.comparing(MailboxInfo::name));
        return all;
    }

    @Override
    public Optional<MailboxInfo> mailbox(MailboxGuid guid) {
        return t.mailboxes.get(tx, guid);
    }

    @Override
    public Optional<MailboxInfo> mailbox(MailboxName name) {
        return t.names.get(tx, name).flatMap(g -> t.mailboxes.get(tx, g))
                .filter(m -> m.name().equals(name));
    }

    @Override
    public MailboxCounts counts(MailboxGuid mailbox) {
        return t.counts.get(tx, mailbox);
    }

    @Override
    public Optional<MessageInfo> message(MailboxGuid mailbox, long uid) {
        return Optional.ofNullable(t.messages.get(tx, mailbox, uid));
    }

    @Override
    public void messages(MailboxGuid mailbox, long fromUid, long toUid, Predicate<MessageInfo> visitor) {
        t.messages.scan(tx, mailbox, fromUid, toUid, visitor);
    }

    @Override
    public void flags(MailboxGuid mailbox, FlagsVisitor visitor) {
        t.messages.flags(tx, mailbox, visitor);
    }

    @Override
    public void changedSince(MailboxGuid mailbox, long modSeq, Predicate<MessageInfo> visitor) {
        t.modSeqs.after(tx, mailbox, modSeq, uid -> {
            MessageInfo m = t.messages.get(tx, mailbox, uid);
            if (m == null) {
                throw RecordReader.corrupt("modseq entry for missing uid " + uid + " in " + mailbox);
            }
            return visitor.test(m);
        });
    }

    @Override
    public List<Long> expungedSince(MailboxGuid mailbox, long modSeq) {
        // The table is in modseq order; the answer is in UID order, each UID once.
        TreeSet<Long> uids = new TreeSet<>(Long::compareUnsigned);
        t.expunged.after(tx, mailbox, modSeq, uids::add);
        return new ArrayList<>(uids);
    }

    @Override
    public void sorted(MailboxGuid mailbox, SortCriterion criterion, SortVisitor visitor) {
        t.sort.sorted(tx, mailbox, criterion, visitor);
    }

    @Override
    public void sortPlacements(MailboxGuid mailbox, SortCriterion criterion, long fromUid, SortPlacementVisitor visitor) {
        boolean[] more = {true};
        t.messages.scan(tx, mailbox, fromUid, Long.MAX_VALUE, m -> {
            byte[] encoded = t.messageKeys.get(tx, mailbox, m.uid());
            SortKeys keys = encoded == null ? null : MessageKeys.fromBytes(encoded).sort();
            if (keys == null || !t.sort.placement(tx, mailbox, criterion, m, keys, visitor, more)) {
                more[0] = visitor.visit(m.uid(), -1, false);
            }
            return more[0];
        });
    }

    @Override
    public void threadKeys(MailboxGuid mailbox, long fromUid, ThreadKeysVisitor visitor) {
        t.messageKeys.threadKeys(tx, mailbox, fromUid, visitor);
    }

    @Override
    public Optional<BlobEntry> blob(MessageGuid guid) {
        return t.blobs.get(tx, guid);
    }

    @Override
    public Optional<byte[]> summary(MessageGuid guid) {
        return t.summaries.get(tx, guid);
    }

    @Override
    public List<ChangeRecord> changes(long afterSeq, int limit) {
        return t.changes.after(tx, afterSeq, limit);
    }

    @Override
    public long lastChangeSeq() {
        return t.changes.lastSeq(tx);
    }

    @Override
    public List<MailboxName> subscriptions() {
        return t.subscriptions.all(tx);
    }

    @Override
    public SortedMap<String, byte[]> metadata(MailboxGuid mailbox) {
        return t.metadata.all(tx, mailbox);
    }

    @Override
    public Optional<BlobLocation> tail() {
        return t.meta.tail(tx);
    }

    @Override
    public Map<Integer, Long> liveBytes() {
        return t.files.all(tx);
    }
}
