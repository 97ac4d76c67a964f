package org.loftmail.core.store;

import static org.loftmail.core.store.IndexEdits.addRef;
import static org.loftmail.core.store.IndexEdits.change;
import static org.loftmail.core.store.IndexEdits.counters;
import static org.loftmail.core.store.IndexEdits.dropRef;
import static org.loftmail.core.store.IndexEdits.noMailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.IndexEdits.Counters;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.store.spi.MailboxIndex;

/**
 * The message-level writes of one user, run on the user's serial writer: batched appends (one
 * fsync, one index commit for everything queued) and the copy/move/expunge path. Each appends
 * its records to the blob store first and rolls them back if the index commit fails.
 */
final class MessageWrites {
    private final UserId user;
    private final BlobStore blobs;
    private final MailboxIndex index;
    private final ChangeBus bus;
    private final Runnable onRemoved;

    /** {@code onRemoved} runs after messages were expunged or moved away (it schedules a purge). */
    MessageWrites(UserId user, BlobStore blobs, MailboxIndex index, ChangeBus bus, Runnable onRemoved) {
        this.user = user;
        this.blobs = blobs;
        this.index = index;
        this.bus = bus;
        this.onRemoved = onRemoved;
    }

    enum Transfer { COPY, MOVE, EXPUNGE }

    record TransferResult(CopyResult copy, List<Long> expunged) {
    }

    /**
     * The one path for copy, move and expunge: placement and expunge records go to the blob
     * store first (so a rebuild from files sees them), then one index transaction.
     */
    TransferResult transfer(Transfer kind, MailboxGuid source, Collection<Long> uids, MailboxGuid target) {
        boolean places = kind != Transfer.EXPUNGE;
        boolean removes = kind != Transfer.COPY;
        List<MessageInfo> picked = index.read(r -> {
            r.mailbox(source).orElseThrow(() -> noMailbox(source));
            if (places) {
                r.mailbox(target).orElseThrow(() -> noMailbox(target));
            }
            List<MessageInfo> found = new ArrayList<>();
            for (long uid : new TreeSet<>(uids)) {
                r.message(source, uid).ifPresent(found::add);
            }
            return found;
        });
        if (picked.isEmpty()) {
            long validity = places ? index.read(r -> r.mailbox(target)).map(MailboxInfo::uidValidity).orElse(0L) : 0;
            return new TransferResult(new CopyResult(validity, List.of(), List.of()), List.of());
        }
        long firstUid = places ? index.read(r -> r.mailbox(target)).orElseThrow().uidNext() : 0;
        List<BlobRecord> records = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            MessageInfo m = picked.get(i);
            if (places) {
                records.add(new BlobRecord.Placement(m.guid(), target, firstUid + i));
            }
            if (removes) {
                records.add(new BlobRecord.Expunge(m.guid(), source, m.uid()));
            }
        }
        List<BlobLocation> locations = blobs.append(records);
        List<ChangeRecord> changes = new ArrayList<>();
        long savedAt = System.currentTimeMillis();
        TransferResult result = committing(() -> index.write(w -> {
            changes.clear(); // write() may run this again after growing the map
            Map<MailboxGuid, Counters> touched = new HashMap<>();
            List<Long> from = new ArrayList<>();
            List<Long> to = new ArrayList<>();
            for (MessageInfo m : picked) {
                if (places) {
                    Counters t = counters(w, touched, target);
                    long uid = t.uidNext++;
                    w.putMessage(target, new MessageInfo(uid, m.guid(), m.flags(), ++t.modSeq, m.internalDate(),
                            m.physicalSize(), m.virtualSize(), savedAt));
                    addRef(w, m.guid());
                    changes.add(change(w, ChangeRecord.Type.APPEND, target, uid, m.guid(), t.modSeq));
                    from.add(m.uid());
                    to.add(uid);
                }
                if (removes) {
                    Counters s = counters(w, touched, source);
                    w.removeMessage(source, m.uid(), ++s.modSeq);
                    dropRef(w, m.guid());
                    changes.add(change(w, ChangeRecord.Type.EXPUNGE, source, m.uid(), m.guid(), s.modSeq));
                }
            }
            touched.values().forEach(c -> w.putMailbox(c.info()));
            w.setTail(locations.get(locations.size() - 1));
            long validity = places ? touched.get(target).base.uidValidity() : 0;
            return new TransferResult(new CopyResult(validity, from, to),
                    removes ? picked.stream().map(MessageInfo::uid).toList() : List.of());
        }));
        bus.publish(user, changes);
        if (removes) {
            onRemoved.run();
        }
        return result;
    }

    private record Planned(WriteOp.Append op, long uid, long modSeq) {
    }

    /** Many appends, one fsync, one index commit. */
    void appendBatch(List<WriteOp.Append> ops) {
        Map<MailboxGuid, Counters> planning = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        List<BlobRecord> records = new ArrayList<>();
        index.read(r -> {
            for (WriteOp.Append op : ops) {
                Optional<MailboxInfo> box = Optional.ofNullable(planning.get(op.mailbox())).map(c -> c.base)
                        .or(() -> r.mailbox(op.mailbox()));
                if (box.isEmpty()) {
                    op.result().completeExceptionally(noMailbox(op.mailbox()));
                    continue;
                }
                Counters c = planning.computeIfAbsent(op.mailbox(), g -> new Counters(box.get()));
                Planned p = new Planned(op, c.uidNext++, ++c.modSeq);
                planned.add(p);
                records.add(new BlobRecord.Message(op.guid(), op.mailbox(), p.uid(), op.internalDate(),
                        op.summary().virtualSize(), op.flags(), op.content()));
            }
            return null;
        });
        if (planned.isEmpty()) {
            return;
        }
        List<BlobLocation> locations = blobs.append(records);
        long savedAt = System.currentTimeMillis();
        List<ChangeRecord> changes = committing(() -> index.write(w -> {
            List<ChangeRecord> out = new ArrayList<>(planned.size());
            for (int k = 0; k < planned.size(); k++) {
                Planned p = planned.get(k);
                WriteOp.Append op = p.op();
                BlobLocation loc = locations.get(k);
                w.putSummary(op.guid(), op.summary());
                w.putBlob(new BlobEntry(op.guid(), loc, 1));
                w.addLiveBytes(loc.file(), loc.length());
                w.putMessage(op.mailbox(), new MessageInfo(p.uid(), op.guid(), op.flags(), p.modSeq(),
                        op.internalDate(), op.content().size(), op.summary().virtualSize(), savedAt));
                out.add(change(w, ChangeRecord.Type.APPEND, op.mailbox(), p.uid(), op.guid(), p.modSeq()));
            }
            planning.values().forEach(c -> w.putMailbox(c.info()));
            w.setTail(locations.get(locations.size() - 1));
            return out;
        }));
        bus.publish(user, changes);
        Map<MailboxGuid, Long> validity = new HashMap<>();
        planning.forEach((g, c) -> validity.put(g, c.base.uidValidity()));
        for (Planned p : planned) {
            p.op().result().complete(new AppendResult(validity.get(p.op().mailbox()), p.uid(), p.op().guid(),
                    p.modSeq()));
        }
    }

    /**
     * Runs the index commit that follows a blob append. If it fails, the appended records are cut
     * off again: nobody was told they were saved, and left in place a later commit's tail would
     * cover them and a rebuild would replay them.
     */
    <R> R committing(Supplier<R> commit) {
        return committing(blobs, index, commit);
    }

    /** {@link #committing(Supplier)} for any blob store and index pair (purge uses it too). */
    static <R> R committing(BlobStore blobs, MailboxIndex index, Supplier<R> commit) {
        try {
            return commit.get();
        } catch (RuntimeException e) {
            try {
                index.read(IndexReader::tail).ifPresent(blobs::truncate);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }
}
