package org.loftmail.core.store;

import static org.loftmail.core.store.IndexEdits.change;
import static org.loftmail.core.store.IndexEdits.dropRef;
import static org.loftmail.core.store.IndexEdits.noMailbox;
import static org.loftmail.core.store.IndexEdits.noMessage;
import static org.loftmail.core.store.IndexEdits.withCounters;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.exec.BatchingExecutor;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.model.UserId;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.store.spi.MailboxCounts;
import org.loftmail.core.store.spi.MailboxIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's mail: bytes in a {@link BlobStore}, state in a {@link MailboxIndex}. Reads go
 * straight to the index; every write runs on the user's serial writer, in the commit order of
 * {@code shared/DESIGN.md}: bytes appended and fsynced, one index transaction, then the change
 * event, then the caller's result. Appends queued together share the fsync and the commit.
 */
final class IndexedUserStore implements UserStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexedUserStore.class);

    static final String REBUILD_MARKER = "rebuild.pending";
    /** Most new messages a kept sort order takes in one at a time (see {@link #sortOrder}). */
    private static final int MAX_PLACEMENTS = 10_000;

    private final UserId user;
    private final KeyCache keyCache = KeyCache.SHARED;
    private final Path dir;
    private final UserLock lock;
    private final BlobStore blobs;
    private final MailboxIndex index;
    private final ChangeBus bus;
    private final StoreOptions options;
    private final BatchingExecutor<WriteOp> writer;
    private final MessageWrites messages;
    private final AtomicBoolean purgeQueued = new AtomicBoolean();
    private final Set<Integer> damagedFiles = ConcurrentHashMap.newKeySet();
    private UidValidityFile uidValidity;
    private volatile boolean closed;
    private RebuildReport rebuildReport;

    private IndexedUserStore(UserId user, Path dir, UserLock lock, BlobStore blobs, MailboxIndex index,
                             ChangeBus bus, Executor pool, StoreOptions options) {
        this.user = user;
        this.dir = dir;
        this.lock = lock;
        this.blobs = blobs;
        this.index = index;
        this.bus = bus;
        this.options = options;
        this.writer = new BatchingExecutor<>(pool, options.maxBatch(), this::runBatch);
        this.messages = new MessageWrites(user, blobs, index, bus, this::schedulePurge);
    }

    /**
     * Opens a user's store, reclaiming bytes appended but never committed (a crash between the
     * fsync and the index commit). The index is rebuilt from the mail files when asked to, when
     * it is empty or has no committed tail next to existing mail files, or when an earlier
     * rebuild did not finish (its marker file is still there). Mail files are never cut back
     * unless the index says exactly where the committed data ends.
     */
    static IndexedUserStore open(UserId user, Path dir, BlobStore.Factory blobFactory,
                                 MailboxIndex.Factory indexFactory, ChangeBus bus, Executor pool,
                                 StoreOptions options, boolean dropIndex) {
        UserLock lock = UserLock.acquire(dir);
        BlobStore blobs = null;
        MailboxIndex index = null;
        try {
            Path indexDir = dir.resolve("index");
            Path marker = dir.resolve(REBUILD_MARKER);
            blobs = blobFactory.open(dir);
            boolean rebuild = dropIndex || Files.exists(marker);
            if (!rebuild) {
                index = indexFactory.open(indexDir);
                boolean hasMail = !blobs.files().isEmpty() || !blobs.readMailboxList().isEmpty();
                boolean emptyIndex = index.read(r -> r.mailboxes().isEmpty());
                Optional<BlobLocation> tail = index.read(IndexReader::tail);
                if (hasMail && (emptyIndex || (tail.isEmpty() && !blobs.files().isEmpty()))) {
                    LOG.warn("user {}: the index does not cover the mail files; rebuilding it from them", user);
                    rebuild = true;
                    index.close();
                    index = null;
                } else {
                    tail.ifPresent(blobs::truncate);
                }
            }
            RebuildReport report = null;
            if (rebuild) {
                writeMarker(marker);
                deleteTree(indexDir);
                index = indexFactory.open(indexDir);
                report = new IndexRebuild(blobs, index).run();
                Files.delete(marker);
                LOG.info("user {}: index rebuilt: {}", user, report);
            }
            IndexedUserStore store = new IndexedUserStore(user, dir, lock, blobs, index, bus, pool, options);
            store.rebuildReport = report;
            store.recover();
            return store;
        } catch (IOException e) {
            closeQuietly(index, blobs, lock);
            throw StorageException.io("cannot open the mail of " + user, e);
        } catch (RuntimeException e) {
            closeQuietly(index, blobs, lock);
            throw e;
        }
    }

    private static void closeQuietly(MailboxIndex index, BlobStore blobs, UserLock lock) {
        if (index != null) {
            index.close();
        }
        if (blobs != null) {
            blobs.close();
        }
        lock.close();
    }

    private static void writeMarker(Path marker) throws IOException {
        try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private void recover() {
        // The list is written after each mailbox commit; a crash in between leaves it behind.
        List<MailboxInfo> indexed = index.read(IndexReader::mailboxes);
        if (!blobs.readMailboxList().equals(indexed)) {
            blobs.writeMailboxList(indexed);
        }
        uidValidity = UidValidityFile.open(dir, indexed.stream().mapToLong(MailboxInfo::uidValidity).max().orElse(0));
        if (mailbox(MailboxName.INBOX).isEmpty()) {
            create(MailboxName.INBOX, Set.of());
        }
    }

    /** What the rebuild found when this open had to rebuild the index, else null. */
    RebuildReport rebuildReport() {
        return rebuildReport;
    }

    @Override
    public UserId user() {
        return user;
    }

    // ---- reads: straight to the index, on the caller's thread ----

    @Override
    public List<MailboxInfo> mailboxes() {
        return index.read(r -> r.mailboxes());
    }

    @Override
    public Optional<MailboxInfo> mailbox(MailboxName name) {
        return index.read(r -> r.mailbox(name));
    }

    @Override
    public Optional<MailboxInfo> mailbox(MailboxGuid guid) {
        return index.read(r -> r.mailbox(guid));
    }

    @Override
    public List<MailboxName> subscriptions() {
        return index.read(r -> r.subscriptions());
    }

    @Override
    public MailboxStatus status(MailboxGuid mailbox) {
        return index.read(r -> {
            MailboxInfo info = r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            MailboxCounts c = r.counts(mailbox);
            return new MailboxStatus(c.messages(), c.unseen(), info.uidValidity(), info.uidNext(),
                    info.highestModSeq(), c.vsize());
        });
    }

    @Override
    public List<MessageInfo> messages(MailboxGuid mailbox, long fromUid, long toUid) {
        return index.read(r -> {
            r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            List<MessageInfo> out = new ArrayList<>();
            r.messages(mailbox, fromUid, toUid, out::add);
            return out;
        });
    }

    @Override
    public Optional<MessageInfo> message(MailboxGuid mailbox, long uid) {
        return index.read(r -> r.message(mailbox, uid));
    }

    @Override
    public MailboxView view(MailboxGuid mailbox) {
        return index.read(r -> {
            r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            int capacity = (int) Math.min(1 << 24, Math.max(16, r.counts(mailbox).messages()));
            long[][] uids = {new long[capacity]};
            byte[][] flags = {new byte[capacity]};
            long[][] dates = {new long[capacity]};
            int[] n = {0};
            int[] firstUnseen = {0};
            Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            r.flags(mailbox, (uid, system, date, kw) -> {
                if (n[0] == uids[0].length) {
                    uids[0] = Arrays.copyOf(uids[0], n[0] * 2);
                    flags[0] = Arrays.copyOf(flags[0], n[0] * 2);
                    dates[0] = Arrays.copyOf(dates[0], n[0] * 2);
                }
                flags[0][n[0]] = (byte) system;
                dates[0][n[0]] = date;
                uids[0][n[0]++] = uid;
                if (firstUnseen[0] == 0 && (system & Flags.SEEN) == 0) {
                    firstUnseen[0] = n[0];
                }
                keywords.addAll(kw);
                return true;
            });
            if (n[0] == uids[0].length) { // the usual case: the counts were right
                return new MailboxView(uids[0], firstUnseen[0], keywords, flags[0], dates[0]);
            }
            return new MailboxView(Arrays.copyOf(uids[0], n[0]), firstUnseen[0], keywords,
                    Arrays.copyOf(flags[0], n[0]), Arrays.copyOf(dates[0], n[0]));
        });
    }

    @Override
    public List<MessageInfo> changedSince(MailboxGuid mailbox, long modSeq) {
        return index.read(r -> {
            r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            List<MessageInfo> out = new ArrayList<>();
            r.changedSince(mailbox, modSeq, out::add);
            return out;
        });
    }

    @Override
    public List<Long> expungedSince(MailboxGuid mailbox, long modSeq) {
        return index.read(r -> {
            r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            return r.expungedSince(mailbox, modSeq);
        });
    }

    /**
     * A big mailbox's order is kept between calls and, when mail has arrived since, takes in the
     * new messages where the index's sort table places them (a lookup each) instead of reading
     * the whole order again; expunged messages stay in it (a session skips UIDs not in its view)
     * until it holds twice the mailbox.
     */
    @Override
    public SortOrder sortOrder(MailboxGuid mailbox, SortCriterion criterion) {
        KeyCache.Sorted cached = keyCache.sortOrder(user, mailbox, criterion);
        record Loaded(long stamp, SortOrder order) {
        }
        Loaded loaded = index.read(r -> {
            MailboxInfo info = r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            long stamp = KeyCache.stamp(info);
            if (cached != null && cached.stamp() == stamp) {
                return new Loaded(stamp, cached.order());
            }
            long messages = r.counts(mailbox).messages();
            if (cached != null && cached.stamp() >>> 32 == stamp >>> 32 && cached.stamp() < stamp
                    && cached.order().size() <= 2 * messages) {
                SortOrder extended = extend(r, mailbox, criterion, cached, info.uidNext(), messages);
                if (extended != null) {
                    return new Loaded(stamp, extended);
                }
            }
            long[][] uids = {new long[(int) Math.min(1 << 24, Math.max(16, messages))]};
            BitSet same = new BitSet();
            int[] n = {0};
            r.sorted(mailbox, criterion, (uid, sameKey) -> {
                if (n[0] == uids[0].length) {
                    uids[0] = Arrays.copyOf(uids[0], n[0] * 2);
                }
                if (sameKey) {
                    same.set(n[0]);
                }
                uids[0][n[0]++] = uid;
                return true;
            });
            return new Loaded(stamp, new SortOrder(Arrays.copyOf(uids[0], n[0]), same));
        });
        if (loaded.order().size() >= KeyCache.MIN_MESSAGES && (cached == null || cached.order() != loaded.order())) {
            keyCache.putSortOrder(user, mailbox, loaded.stamp(), criterion, loaded.order());
        }
        return loaded.order();
    }

    /** The kept order with the messages from its UIDNEXT on, or null to read it all again. */
    private static SortOrder extend(IndexReader r, MailboxGuid mailbox, SortCriterion criterion, KeyCache.Sorted cached,
                                    long uidNext, long messages) {
        long from = cached.stamp() & 0xffff_ffffL;
        // Each placement is an index lookup: past a few thousand, one scan of the order is cheaper.
        int most = (int) Math.min(MAX_PLACEMENTS, Math.max(16, messages / 8));
        if (uidNext - from > most) {
            return null;
        }
        int capacity = (int) (uidNext - from);
        long[] uids = new long[capacity];
        long[] previous = new long[capacity];
        boolean[] same = new boolean[capacity];
        int[] n = {0};
        boolean[] placed = {true};
        r.sortPlacements(mailbox, criterion, from, (uid, before, tie) -> {
            if (before < 0 || n[0] == capacity) {
                placed[0] = false;
                return false;
            }
            uids[n[0]] = uid;
            previous[n[0]] = before;
            same[n[0]++] = tie;
            return true;
        });
        return placed[0] ? cached.order().with(uids, previous, same, n[0]) : null;
    }

    /**
     * Every message's thread keys. For a big mailbox they are kept between calls and, when mail
     * has arrived since, extended with only the new messages' keys: expunged messages stay in
     * the list (a session skips UIDs not in its view) until it holds twice the mailbox.
     */
    @Override
    public ThreadKeyList threadKeys(MailboxGuid mailbox) {
        KeyCache.Thread cached = keyCache.thread(user, mailbox);
        record Loaded(long stamp, ThreadKeyList keys) {
        }
        Loaded loaded = index.read(r -> {
            MailboxInfo info = r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            long messages = r.counts(mailbox).messages();
            long stamp = KeyCache.stamp(info);
            if (cached != null && cached.stamp() == stamp) {
                return new Loaded(stamp, cached.keys());
            }
            // same UIDVALIDITY (the high half of the stamp), fewer UIDs
            boolean extend = cached != null && cached.stamp() >>> 32 == stamp >>> 32
                    && cached.stamp() < stamp && cached.keys().size() <= 2 * messages;
            long from = extend ? cached.stamp() & 0xffff_ffffL : 0;
            int capacity = (int) Math.min(1 << 24, Math.max(16, extend ? info.uidNext() - from : messages));
            long[][] uids = {new long[capacity]};
            ThreadKeys[][] keys = {new ThreadKeys[capacity]};
            int[] n = {0};
            r.threadKeys(mailbox, from, (uid, k) -> {
                if (n[0] == uids[0].length) {
                    uids[0] = Arrays.copyOf(uids[0], n[0] * 2);
                    keys[0] = Arrays.copyOf(keys[0], n[0] * 2);
                }
                uids[0][n[0]] = uid;
                keys[0][n[0]++] = k;
                return true;
            });
            return new Loaded(stamp, extend ? cached.keys().extend(uids[0], keys[0], n[0])
                    : ThreadKeyList.of(uids[0], keys[0], n[0]));
        });
        if (loaded.keys().size() >= KeyCache.MIN_MESSAGES && (cached == null || cached.keys() != loaded.keys())) {
            keyCache.putThread(user, mailbox, loaded.stamp(), loaded.keys());
        }
        return loaded.keys();
    }

    @Override
    public MessageContent content(MailboxGuid mailbox, long uid) {
        BlobLocation location = locate(mailbox, uid);
        try {
            return blobs.read(location);
        } catch (StorageException e) {
            // Purge may have moved the bytes between the lookup and the read: look once more.
            BlobLocation again = locate(mailbox, uid);
            if (again.equals(location)) {
                throw e;
            }
            return blobs.read(again);
        }
    }

    @Override
    public MessageContent content(MessageGuid guid) {
        BlobLocation location = locate(guid);
        try {
            return blobs.read(location);
        } catch (StorageException e) {
            BlobLocation again = locate(guid);
            if (again.equals(location)) {
                throw e;
            }
            return blobs.read(again);
        }
    }

    private BlobLocation locate(MessageGuid guid) {
        return index.read(r -> r.blob(guid).orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
                "no message " + guid)).location());
    }

    private BlobLocation locate(MailboxGuid mailbox, long uid) {
        return index.read(r -> {
            MessageInfo m = r.message(mailbox, uid).orElseThrow(() -> noMessage(mailbox, uid));
            return r.blob(m.guid()).orElseThrow(() -> new StorageException(StorageException.Kind.CORRUPT,
                    "index has no location for message " + m.guid())).location();
        });
    }

    @Override
    public MessageSummary summary(MailboxGuid mailbox, long uid) {
        record Cached(byte[] bytes, long internalDate) {
        }
        Cached cached = index.read(r -> {
            MessageInfo m = r.message(mailbox, uid).orElseThrow(() -> noMessage(mailbox, uid));
            return new Cached(r.summary(m.guid()).orElse(null), m.internalDate());
        });
        // A summary lost from the cache is recomputed from the bytes rather than failing FETCH.
        return cached.bytes() != null ? MessageSummary.fromBytes(cached.bytes())
                : MessageSummary.parse(content(mailbox, uid), cached.internalDate());
    }

    // ---- writes: serial, batched ----

    @Override
    public AppendResult append(MailboxGuid mailbox, MessageContent content, Flags flags, long internalDate) {
        return join(appendAsync(mailbox, content, flags, internalDate));
    }

    /**
     * Queues an append and returns at once; the future completes when the message is durable.
     * Parsing happens on the caller's thread so concurrent appenders parse in parallel.
     */
    CompletableFuture<AppendResult> appendAsync(MailboxGuid mailbox, MessageContent content, Flags flags,
                                                long internalDate) {
        if (content.size() == 0) {
            return CompletableFuture.failedFuture(StorageException.invalid("cannot save an empty message"));
        }
        MessageSummary summary = MessageSummary.parse(content, internalDate);
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Append(mailbox, MessageGuid.random(), content, summary, flags, internalDate,
                result));
        return result;
    }

    @Override
    public MailboxInfo create(MailboxName name, Set<SpecialUse> specialUse) {
        return serial(() -> {
            List<ChangeRecord> changes = new ArrayList<>();
            MailboxInfo created = index.write(w -> {
                changes.clear(); // write() may run this again after growing the map
                if (w.mailbox(name).isPresent()) {
                    throw new StorageException(StorageException.Kind.ALREADY_EXISTS, "Mailbox already exists");
                }
                MailboxInfo info = null;
                for (MailboxName n : name.lineage()) {
                    if (w.mailbox(n).isEmpty()) {
                        info = new MailboxInfo(MailboxGuid.random(), n, nextUidValidity(), 1, 1,
                                n.equals(name) ? specialUse : Set.of());
                        w.putMailbox(info);
                        changes.add(change(w, ChangeRecord.Type.MAILBOX_CREATE, info.guid(), 0, null, 1));
                    }
                }
                return info;
            });
            afterMailboxChange(changes);
            return created;
        });
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        if (from.isInbox()) {
            renameInbox(to);
            return;
        }
        if (from.equals(to) || from.isAncestorOf(to)) {
            throw StorageException.invalid("cannot rename a mailbox to itself or below itself");
        }
        serial(() -> {
            List<ChangeRecord> changes = new ArrayList<>();
            index.write(w -> {
                changes.clear(); // write() may run this again after growing the map
                MailboxInfo source = w.mailbox(from).orElseThrow(() -> noMailbox(from));
                if (w.mailbox(to).isPresent()) {
                    throw new StorageException(StorageException.Kind.ALREADY_EXISTS, "Target mailbox already exists");
                }
                List<MailboxInfo> moving = new ArrayList<>();
                moving.add(source);
                for (MailboxInfo m : w.mailboxes()) {
                    if (from.isAncestorOf(m.name())) {
                        moving.add(m);
                    }
                }
                for (MailboxName parent : to.lineage().subList(0, to.lineage().size() - 1)) {
                    if (w.mailbox(parent).isEmpty()) {
                        MailboxInfo p = new MailboxInfo(MailboxGuid.random(), parent, nextUidValidity(), 1, 1, Set.of());
                        w.putMailbox(p);
                        changes.add(change(w, ChangeRecord.Type.MAILBOX_CREATE, p.guid(), 0, null, 1));
                    }
                }
                for (MailboxInfo m : moving) {
                    MailboxInfo renamed = new MailboxInfo(m.guid(), m.name().reparent(from, to), m.uidValidity(),
                            m.uidNext(), m.highestModSeq(), m.specialUse());
                    w.putMailbox(renamed);
                    changes.add(change(w, ChangeRecord.Type.MAILBOX_UPDATE, m.guid(), 0, null, m.highestModSeq()));
                }
                return null;
            });
            afterMailboxChange(changes);
            return null;
        });
    }

    /** RFC 3501: renaming INBOX moves its messages to a new mailbox; INBOX stays, empty. */
    private void renameInbox(MailboxName to) {
        MailboxInfo target = create(to, Set.of());
        MailboxInfo inbox = mailbox(MailboxName.INBOX).orElseThrow();
        List<Long> uids = messages(inbox.guid(), 1, Long.MAX_VALUE).stream().map(MessageInfo::uid).toList();
        if (!uids.isEmpty()) {
            move(inbox.guid(), uids, target.guid());
        }
    }

    @Override
    public void delete(MailboxName name) {
        if (name.isInbox()) {
            throw StorageException.invalid("INBOX cannot be deleted");
        }
        serial(() -> {
            MailboxInfo info = mailbox(name).orElseThrow(() -> noMailbox(name));
            for (MailboxInfo m : mailboxes()) {
                if (name.isAncestorOf(m.name())) {
                    throw StorageException.invalid("Mailbox has children, delete them first");
                }
            }
            // Expunge records first, so a rebuild from the files does not bring the messages back.
            List<MessageInfo> doomed = messages(info.guid(), 1, Long.MAX_VALUE);
            List<BlobRecord> records = new ArrayList<>(doomed.size());
            doomed.forEach(m -> records.add(new BlobRecord.Expunge(m.guid(), info.guid(), m.uid())));
            List<BlobLocation> locations = records.isEmpty() ? List.of() : blobs.append(records);
            List<ChangeRecord> changes = new ArrayList<>();
            messages.committing(() -> index.write(w -> {
                changes.clear(); // write() may run this again after growing the map
                for (MessageInfo m : doomed) {
                    dropRef(w, m.guid());
                }
                w.deleteMailbox(info.guid());
                if (!locations.isEmpty()) {
                    w.setTail(locations.get(locations.size() - 1));
                }
                changes.add(change(w, ChangeRecord.Type.MAILBOX_DELETE, info.guid(), 0, null, info.highestModSeq()));
                return null;
            }));
            afterMailboxChange(changes);
            schedulePurge();
            return null;
        });
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        serial(() -> {
            List<ChangeRecord> changes = new ArrayList<>();
            index.write(w -> {
                changes.clear(); // write() may run this again after growing the map
                w.subscribe(name, subscribed);
                changes.add(change(w, ChangeRecord.Type.SUBSCRIPTION, null, 0, null, 0));
                return null;
            });
            bus.publish(user, changes);
            return null;
        });
    }

    @Override
    public SortedMap<String, byte[]> metadata(MailboxGuid mailbox) {
        return index.read(r -> {
            if (mailbox != null) {
                r.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
            }
            return r.metadata(mailbox);
        });
    }

    @Override
    public void setMetadata(MailboxGuid mailbox, Map<String, byte[]> changes, int maxEntries) {
        serial(() -> {
            List<ChangeRecord> records = new ArrayList<>();
            index.write(w -> {
                records.clear(); // write() may run this again after growing the map
                if (mailbox != null) {
                    w.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
                }
                Map<String, byte[]> after = new HashMap<>(w.metadata(mailbox));
                changes.forEach((name, value) -> {
                    if (value == null) {
                        after.remove(name);
                    } else {
                        after.put(name, value);
                    }
                });
                if (after.size() > maxEntries) {
                    throw new StorageException(StorageException.Kind.LIMIT,
                            "more than " + maxEntries + " metadata entries");
                }
                changes.forEach((name, value) -> w.putMetadata(mailbox, name, value));
                records.add(change(w, ChangeRecord.Type.METADATA, mailbox, 0, null, 0));
                return null;
            });
            bus.publish(user, records);
            return null;
        });
    }

    @Override
    public List<MessageInfo> store(MailboxGuid mailbox, Collection<Long> uids, FlagUpdate update) {
        return store(mailbox, uids, update, -1).messages();
    }

    @Override
    public ConditionalStore store(MailboxGuid mailbox, Collection<Long> uids, FlagUpdate update, long unchangedSince) {
        return serial(() -> {
            List<ChangeRecord> changes = new ArrayList<>();
            List<Long> modified = new ArrayList<>();
            List<MessageInfo> out = index.write(w -> {
                changes.clear(); // write() may run this again after growing the map
                modified.clear();
                MailboxInfo info = w.mailbox(mailbox).orElseThrow(() -> noMailbox(mailbox));
                long modSeq = info.highestModSeq();
                List<MessageInfo> result = new ArrayList<>();
                for (long uid : new TreeSet<>(uids)) {
                    Optional<MessageInfo> found = w.message(mailbox, uid);
                    if (found.isEmpty()) {
                        continue;
                    }
                    MessageInfo m = found.get();
                    if (unchangedSince >= 0 && m.modSeq() > unchangedSince) {
                        modified.add(uid);
                        continue;
                    }
                    Flags flags = update.apply(m.flags());
                    if (flags.equals(m.flags())) {
                        result.add(m);
                        continue;
                    }
                    MessageInfo changed = m.withFlags(flags, ++modSeq);
                    w.putMessage(mailbox, changed);
                    changes.add(change(w, ChangeRecord.Type.FLAGS, mailbox, uid, m.guid(), modSeq));
                    result.add(changed);
                }
                if (modSeq != info.highestModSeq()) {
                    w.putMailbox(withCounters(info, info.uidNext(), modSeq));
                }
                return result;
            });
            bus.publish(user, changes);
            return new ConditionalStore(out, List.copyOf(modified));
        });
    }

    @Override
    public List<Long> expunge(MailboxGuid mailbox, Collection<Long> uids) {
        return serial(() -> messages.transfer(MessageWrites.Transfer.EXPUNGE, mailbox, uids, null).expunged());
    }

    @Override
    public CopyResult copy(MailboxGuid source, Collection<Long> uids, MailboxGuid target) {
        return serial(() -> messages.transfer(MessageWrites.Transfer.COPY, source, uids, target).copy());
    }

    @Override
    public CopyResult move(MailboxGuid source, Collection<Long> uids, MailboxGuid target) {
        if (source.equals(target)) {
            throw StorageException.invalid("cannot move messages to the mailbox they are in");
        }
        return serial(() -> messages.transfer(MessageWrites.Transfer.MOVE, source, uids, target).copy());
    }

    // ---- the serial writer ----

    private void runBatch(List<WriteOp> batch) {
        int i = 0;
        while (i < batch.size()) {
            if (batch.get(i) instanceof WriteOp.Append) {
                int j = i;
                List<WriteOp.Append> appends = new ArrayList<>();
                while (j < batch.size() && batch.get(j) instanceof WriteOp.Append a) {
                    appends.add(a);
                    j++;
                }
                try {
                    messages.appendBatch(appends);
                } catch (Throwable t) {
                    appends.forEach(a -> a.result().completeExceptionally(t));
                }
                i = j;
            } else {
                ((WriteOp.Txn<?>) batch.get(i)).run();
                i++;
            }
        }
    }

    private <R> R serial(Supplier<R> work) {
        CompletableFuture<R> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Txn<>(work, result));
        return join(result);
    }

    private static <R> R join(CompletableFuture<R> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    // ---- purge: runs on the writer, after expunges, without an operator ----

    private void schedulePurge() {
        if (purgeQueued.compareAndSet(false, true)) {
            writer.submit(new WriteOp.Txn<>(() -> {
                purgeQueued.set(false);
                if (closed) {
                    return null;
                }
                try {
                    new BlobPurge(blobs, index, options.purgeLiveRatio(), damagedFiles).run();
                } catch (RuntimeException e) {
                    LOG.warn("user {}: purge failed, will retry after the next expunge", user, e);
                }
                return null;
            }, new CompletableFuture<>()));
        }
    }

    /** Runs a purge now (tests, admin); returns the number of files compacted. */
    int purgeNow() {
        return serial(() -> new BlobPurge(blobs, index, options.purgeLiveRatio(), damagedFiles).run());
    }

    // ---- helpers ----

    private void afterMailboxChange(List<ChangeRecord> changes) {
        blobs.writeMailboxList(index.read(r -> r.mailboxes()));
        bus.publish(user, changes);
    }

    private long nextUidValidity() {
        return uidValidity.next();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw StorageException.io("cannot delete " + dir, e);
        }
    }

    @Override
    public void close() {
        // Let queued writes finish: nothing acknowledged may be lost, nothing queued dropped.
        // A purge queued behind this point sees the flag and does nothing.
        serial(() -> {
            closed = true;
            return null;
        });
        index.close();
        blobs.close();
        lock.close();
    }
}
