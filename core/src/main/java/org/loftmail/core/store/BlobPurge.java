package org.loftmail.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.BlobVisitor;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.store.spi.MailboxIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts sealed blob files whose live share fell below a threshold: records still needed are
 * appended to the current file, the index is pointed at the copies in one transaction, then the
 * old file is deleted. A crash before the commit leaves the copies past the committed tail, and
 * the next open cuts them off; a crash after it leaves a file nothing points at, which the next
 * purge removes.
 *
 * <p>A placement or expunge record is still needed while the message's bytes exist anywhere
 * (else a rebuild could resurrect an expunged message or lose a copy).
 */
final class BlobPurge {
    private static final Logger LOG = LoggerFactory.getLogger(BlobPurge.class);
    private static final long CHUNK_BYTES = 32L << 20;

    private final BlobStore blobs;
    private final MailboxIndex index;
    private final double liveRatio;
    private final Set<Integer> damaged;

    /** {@code damaged}: files found corrupt earlier in this process; they are not scanned again. */
    BlobPurge(BlobStore blobs, MailboxIndex index, double liveRatio, Set<Integer> damaged) {
        this.blobs = blobs;
        this.index = index;
        this.liveRatio = liveRatio;
        this.damaged = damaged;
    }

    /** Returns the number of files compacted. */
    int run() {
        int current = blobs.currentFile();
        Map<Integer, Long> live = index.read(IndexReader::liveBytes);
        // The file holding the committed tail stays: opening the user truncates against it.
        int tailFile = index.read(IndexReader::tail).map(BlobLocation::file).orElse(-1);
        int compacted = 0;
        for (int file : blobs.files()) {
            if (file != current && file != tailFile && !damaged.contains(file)
                    && live.getOrDefault(file, 0L) < blobs.fileSize(file) * liveRatio) {
                if (compact(file)) {
                    compacted++;
                }
            }
        }
        return compacted;
    }

    private record Kept(BlobLocation from, BlobRecord record) {
    }

    private boolean compact(int file) {
        List<Kept> kept = new ArrayList<>();
        List<MessageGuid> dead = new ArrayList<>();
        long[] corrupt = {0};
        index.read(r -> {
            blobs.scan(file, new BlobVisitor() {
                @Override
                public void record(BlobLocation location, BlobRecord record) {
                    Optional<BlobEntry> blob = r.blob(record.guid());
                    if (record instanceof BlobRecord.Message) {
                        if (blob.isPresent() && blob.get().location().equals(location)) {
                            if (blob.get().refCount() > 0) {
                                kept.add(new Kept(location, record));
                            } else {
                                dead.add(record.guid());
                            }
                        }
                    } else if (blob.isPresent()
                            && !(blob.get().location().file() == file && blob.get().refCount() == 0)) {
                        kept.add(new Kept(location, record));
                    }
                }

                @Override
                public void corrupt(int f, long offset, long length, String reason) {
                    corrupt[0] += length;
                    LOG.warn("blob file {} has {} corrupt bytes at {}: {}", f, length, offset, reason);
                }
            });
            return null;
        });
        if (corrupt[0] > 0) {
            // Never delete a damaged file: whatever is left in it may still be recovered by hand.
            damaged.add(file);
            return false;
        }
        List<BlobRecord> batch = new ArrayList<>();
        List<Kept> batchKept = new ArrayList<>();
        List<BlobLocation> moved = new ArrayList<>();
        List<Kept> movedKept = new ArrayList<>();
        long bytes = 0;
        for (Kept k : kept) {
            BlobRecord rec = k.record();
            if (rec instanceof BlobRecord.Message m) {
                rec = new BlobRecord.Message(m.guid(), m.mailbox(), m.uid(), m.receivedDate(), m.virtualSize(),
                        m.flags(), blobs.read(k.from()));
            }
            batch.add(rec);
            batchKept.add(k);
            bytes += k.from().length();
            if (bytes >= CHUNK_BYTES) {
                moved.addAll(blobs.append(batch));
                movedKept.addAll(batchKept);
                batch.clear();
                batchKept.clear();
                bytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            moved.addAll(blobs.append(batch));
            movedKept.addAll(batchKept);
        }
        // The copies are cut off again if the commit fails, so no later tail covers them.
        MessageWrites.committing(blobs, index, () -> {
            commit(file, moved, movedKept, dead);
            return null;
        });
        // Purge may drop the last record naming a mailbox's highest UID: the list keeps UIDNEXT.
        blobs.writeMailboxList(index.read(r -> r.mailboxes()));
        blobs.delete(file);
        LOG.info("purged blob file {}: kept {} records, dropped {} dead messages", file, kept.size(), dead.size());
        return true;
    }

    private void commit(int file, List<BlobLocation> moved, List<Kept> movedKept, List<MessageGuid> dead) {
        index.write(w -> {
            for (int i = 0; i < moved.size(); i++) {
                if (movedKept.get(i).record() instanceof BlobRecord.Message m) {
                    BlobEntry b = w.blob(m.guid()).orElseThrow();
                    BlobLocation to = moved.get(i);
                    w.putBlob(new BlobEntry(m.guid(), to, b.refCount()));
                    w.addLiveBytes(to.file(), to.length());
                }
            }
            dead.forEach(w::removeBlob);
            w.removeFile(file);
            if (!moved.isEmpty()) {
                w.setTail(moved.get(moved.size() - 1));
            }
            return null;
        });
    }
}
