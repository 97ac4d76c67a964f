package org.loftmail.core.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.BlobVisitor;
import org.loftmail.core.store.spi.MailboxIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty index from the blob files alone: mailboxes from the mailbox list, messages from
 * the records (a placement exists iff some record adds it and no expunge record removes it).
 * Flags are those saved with the message; later flag changes live only in the index.
 * Every restored message gets a modseq above any the mailbox had, so CONDSTORE clients
 * resynchronise their flags. UIDNEXT is above every UID any record or the
 * mailbox list mentions, so a UID is never handed out twice under one UIDVALIDITY.
 */
final class IndexRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
    private static final int BATCH = 2000;
    private static final long MIN_RECORD = 32;

    private final BlobStore blobs;
    private final MailboxIndex index;

    IndexRebuild(BlobStore blobs, MailboxIndex index) {
        this.blobs = blobs;
        this.index = index;
    }

    private record Key(MailboxGuid mailbox, long uid) {
    }

    private record Saved(BlobLocation location, BlobRecord.Message meta) {
    }

    RebuildReport run() {
        Map<MessageGuid, Saved> saved = new HashMap<>();
        Map<Key, MessageGuid> placed = new HashMap<>();
        Set<Key> expunged = new HashSet<>();
        Map<MailboxGuid, Long> maxUid = new HashMap<>();
        int[] corruptRegions = {0};
        long[] corruptBytes = {0};
        BlobLocation[] tail = {null};
        for (int file : blobs.files()) {
            blobs.scan(file, new BlobVisitor() {
                @Override
                public void record(BlobLocation location, BlobRecord record) {
                    tail[0] = location;
                    Key key = new Key(record.mailbox(), record.uid());
                    maxUid.merge(record.mailbox(), record.uid(), Math::max);
                    if (record instanceof BlobRecord.Message m) {
                        saved.putIfAbsent(m.guid(), new Saved(location, new BlobRecord.Message(m.guid(), m.mailbox(),
                                m.uid(), m.receivedDate(), m.virtualSize(), m.flags(), null)));
                        placed.put(key, m.guid());
                    } else if (record instanceof BlobRecord.Placement) {
                        placed.put(key, record.guid());
                    } else {
                        expunged.add(key);
                    }
                }

                @Override
                public void corrupt(int f, long offset, long length, String reason) {
                    corruptRegions[0]++;
                    corruptBytes[0] += length;
                    LOG.warn("m.{}: {} corrupt bytes at offset {}: {}", f, length, offset, reason);
                }
            });
        }

        Map<MailboxGuid, MailboxInfo> boxes = new LinkedHashMap<>();
        for (MailboxInfo m : blobs.readMailboxList()) {
            boxes.put(m.guid(), m);
        }
        Map<MailboxGuid, List<Map.Entry<Key, MessageGuid>>> byBox = new HashMap<>();
        for (Map.Entry<Key, MessageGuid> e : placed.entrySet()) {
            if (!expunged.contains(e.getKey()) && saved.containsKey(e.getValue())) {
                byBox.computeIfAbsent(e.getKey().mailbox(), g -> new ArrayList<>()).add(e);
            }
        }
        int recovered = 0;
        long now = System.currentTimeMillis() / 1000;
        for (MailboxGuid g : byBox.keySet()) {
            if (!boxes.containsKey(g)) {
                // Messages of a mailbox the list does not know: keep them visible, never drop mail.
                MailboxName name = MailboxName.of("Recovered/" + g.toString().substring(0, 12));
                boxes.put(g, new MailboxInfo(g, name, now + recovered, 1, 1, Set.of()));
                recovered++;
            }
        }
        if (boxes.values().stream().noneMatch(m -> m.name().isInbox())) {
            MailboxInfo inbox = new MailboxInfo(MailboxGuid.random(), MailboxName.INBOX, now, 1, 1, Set.of());
            boxes.put(inbox.guid(), inbox);
        }
        // Parents must exist for every name (Recovered/…).
        Set<MailboxName> names = new HashSet<>();
        boxes.values().forEach(m -> names.add(m.name()));
        for (MailboxInfo m : List.copyOf(boxes.values())) {
            MailboxName p = m.name().parent();
            while (p != null && names.add(p)) {
                MailboxInfo parent = new MailboxInfo(MailboxGuid.random(), p, now, 1, 1, Set.of());
                boxes.put(parent.guid(), parent);
                p = p.parent();
            }
        }

        // Records lost in a damaged stretch may have used UIDs we cannot see; no record is
        // shorter than MIN_RECORD bytes, so this many UIDs are skipped to never reuse one.
        long uidMargin = corruptBytes[0] == 0 ? 0 : corruptBytes[0] / MIN_RECORD + 1;
        // The mailbox list's HIGHESTMODSEQ may lag; the clock in microseconds is above any modseq
        // a mailbox could have reached by counting, so CHANGEDSINCE never sees time go backwards.
        long modSeqFloor = System.currentTimeMillis() * 1000;
        Map<MessageGuid, Integer> refs = new HashMap<>();
        byBox.values().forEach(list -> list.forEach(e -> refs.merge(e.getValue(), 1, Integer::sum)));
        long messages = 0;
        for (MailboxInfo box : boxes.values()) {
            List<Map.Entry<Key, MessageGuid>> list = byBox.getOrDefault(box.guid(), new ArrayList<>());
            list.sort(Comparator.comparingLong(e -> e.getKey().uid()));
            long modSeq = Math.max(box.highestModSeq() + 1, modSeqFloor);
            long uidNext = Math.max(box.uidNext(), maxUid.getOrDefault(box.guid(), 0L) + 1) + uidMargin;
            index.write(w -> {
                w.putMailbox(new MailboxInfo(box.guid(), box.name(), box.uidValidity(), uidNext, modSeq,
                        box.specialUse()));
                return null;
            });
            for (int from = 0; from < list.size(); from += BATCH) {
                List<Map.Entry<Key, MessageGuid>> chunk = list.subList(from, Math.min(list.size(), from + BATCH));
                index.write(w -> {
                    for (Map.Entry<Key, MessageGuid> e : chunk) {
                        MessageGuid guid = e.getValue();
                        Saved s = saved.get(guid);
                        MessageContent content = blobs.read(s.location());
                        if (w.blob(guid).isEmpty()) {
                            w.putSummary(guid, MessageSummary.parse(content, s.meta().receivedDate()));
                            w.putBlob(new BlobEntry(guid, s.location(), refs.get(guid)));
                            w.addLiveBytes(s.location().file(), s.location().length());
                        }
                        w.putMessage(box.guid(), new MessageInfo(e.getKey().uid(), guid, s.meta().flags(), modSeq,
                                s.meta().receivedDate(), content.size(), s.meta().virtualSize()));
                    }
                    return null;
                });
                messages += chunk.size();
            }
        }
        // Dead bytes (every placement expunged) stay known so purge can reclaim them.
        index.write(w -> {
            for (Map.Entry<MessageGuid, Saved> e : saved.entrySet()) {
                if (!refs.containsKey(e.getKey())) {
                    w.putBlob(new BlobEntry(e.getKey(), e.getValue().location(), 0));
                }
            }
            if (tail[0] != null) {
                w.setTail(tail[0]);
            }
            return null;
        });
        blobs.writeMailboxList(index.read(r -> r.mailboxes()));
        if (tail[0] != null) {
            // Bytes after the last valid record (a torn write) can never be read; cut them.
            blobs.truncate(tail[0]);
        }
        return new RebuildReport(boxes.size(), messages, recovered, corruptRegions[0], corruptBytes[0]);
    }
}
