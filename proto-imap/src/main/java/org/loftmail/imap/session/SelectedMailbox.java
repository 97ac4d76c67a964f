package org.loftmail.imap.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MailboxView;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.core.store.spi.ChangeRecord;
import org.loftmail.imap.parse.SequenceSet;
import org.loftmail.imap.wire.FetchResponse;
import org.loftmail.imap.wire.ImapResponseWriter;
import org.loftmail.imap.wire.NumberSet;
import org.loftmail.imap.wire.UntaggedResponses;

/**
 * The session's view of its selected mailbox: message sequence numbers → UIDs as this client
 * knows them, and the changes other sessions committed that it has not been told about yet.
 * Changes arrive on the committing thread ({@link #offer}); they reach the client only at a
 * {@link #sync} point, so sequence numbers never move under a command.
 */
public final class SelectedMailbox {
    private final MailboxGuid guid;
    private final long uidValidity;
    private final boolean readOnly;
    private long[] uids;
    /** System flags and internal date of each message, aligned with {@link #uids}, kept current by sync. */
    private byte[] systemFlags = new byte[0];
    private long[] internalDates = new long[0];
    private int count;
    private final Set<Long> recent = new HashSet<>();
    private final ConcurrentLinkedQueue<ChangeRecord> pending = new ConcurrentLinkedQueue<>();
    /** Expunged in storage while a FETCH/STORE/SEARCH could not report it: still numbered. */
    private final TreeSet<Long> expungedLater = new TreeSet<>();
    /** New messages arrived while NOTIFY kept them from the client: not in the view yet. */
    private boolean newHeld;
    /** Flag changes this session already reported itself (uid → modseq). */
    private final Map<Long, Long> reported = new HashMap<>();
    private volatile boolean deleted;
    private int firstUnseen;
    private final Set<String> keywords = new TreeSet<>();
    /** RFC 5182: UIDs of the last SEARCH RETURN (SAVE), what {@code $} means. */
    private long[] savedResult = new long[0];
    /** RFC 5267 RETURN (UPDATE) searches and sorts; they end with this selection. */
    private final List<SearchContext> contexts = new ArrayList<>();
    /** Updating contexts one session may keep (RFC 5267 asks for at least one). */
    public static final int MAX_CONTEXTS = 10;

    /**
     * An RFC 5267 updating context: the client's copy of a result (as UIDs, in the result's
     * order: UID order for a SEARCH, sort order for a SORT) and how to work the result out again
     * (the UIDs of matching messages in the view, in result order).
     */
    public static final class SearchContext {
        final String tag;
        final boolean uid;
        final boolean sorted;
        final Supplier<long[]> evaluate;
        long[] result;

        public SearchContext(String tag, boolean uid, boolean sorted, long[] result, Supplier<long[]> evaluate) {
            this.tag = tag;
            this.uid = uid;
            this.sorted = sorted;
            this.result = result;
            this.evaluate = evaluate;
        }
    }

    SelectedMailbox(MailboxInfo info, boolean readOnly) {
        this.guid = info.guid();
        this.uidValidity = info.uidValidity();
        this.readOnly = readOnly;
        this.uids = new long[0];
    }

    /** Fills the view; changes offered before this are reconciled at the next sync. */
    void load(MailboxView view, RecentTracker tracker) {
        uids = view.uids();
        systemFlags = view.systemFlags();
        internalDates = view.internalDates();
        count = uids.length;
        firstUnseen = view.firstUnseen();
        keywords.addAll(view.keywords());
        if (!readOnly) {
            long before = tracker.claim(guid, maxUid());
            for (int i = count - 1; i >= 0 && uids[i] > before; i--) {
                recent.add(uids[i]);
            }
        }
    }

    public MailboxGuid guid() {
        return guid;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int count() {
        return count;
    }

    /** UID of message {@code seq} (1-based). */
    public long uid(int seq) {
        return uids[seq - 1];
    }

    /** Sequence number of {@code uid}, or 0 if the view does not hold it. */
    public int seq(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i + 1 : 0;
    }

    /**
     * UID → view position (sequence number - 1, or -1 when the view does not hold it), for
     * mapping a whole mailbox's UIDs in another order (SORT ranks): when the UIDs are dense
     * enough, one table indexed by UID built in a single pass replaces a binary search per UID,
     * whose cache misses were a third of a SORT on 100,000 messages. Valid until the view changes.
     */
    public LongToIntFunction positions() {
        if (count == 0) {
            return uid -> -1;
        }
        long base = uids[0];
        long span = uids[count - 1] - base + 1;
        if (span > 4L * count + 1024) {
            return uid -> seq(uid) - 1;
        }
        int[] table = new int[(int) span];
        Arrays.fill(table, -1);
        for (int i = 0; i < count; i++) {
            table[(int) (uids[i] - base)] = i;
        }
        return uid -> {
            long at = uid - base;
            return at < 0 || at >= table.length ? -1 : table[(int) at];
        };
    }

    /**
     * As {@link #seq(long)} for a UID known to come after sequence number {@code after} (0 for
     * none): a walk through ascending UIDs (FETCH 1:*) then costs one comparison per message
     * instead of a binary search each.
     */
    public int seqAfter(long uid, int after) {
        if (after < count && uids[after] == uid) {
            return after + 1;
        }
        int i = Arrays.binarySearch(uids, Math.min(after, count), count, uid);
        return i >= 0 ? i + 1 : 0;
    }

    /** Sequence number of the first message without {@code \\Seen} at SELECT, 0 if none. */
    public int firstUnseen() {
        return firstUnseen;
    }

    /** Keywords in use at SELECT, for the FLAGS response. */
    public Set<String> keywords() {
        return keywords;
    }

    public long maxUid() {
        return count == 0 ? 0 : uids[count - 1];
    }

    public boolean recent(long uid) {
        return recent.contains(uid);
    }

    public int recentCount() {
        return recent.size();
    }

    /** True if the message was expunged by another session and this one has not said so yet. */
    public boolean expungedLater(long uid) {
        return !expungedLater.isEmpty() && expungedLater.contains(uid);
    }

    boolean deleted() {
        return deleted;
    }

    public boolean hasContext(String tag) {
        return contexts.stream().anyMatch(c -> c.tag.equals(tag));
    }

    /** Keeps an updating context; false when the session already has {@link #MAX_CONTEXTS}. */
    public boolean addContext(SearchContext c) {
        if (contexts.size() >= MAX_CONTEXTS) {
            return false;
        }
        contexts.add(c);
        return true;
    }

    /** Ends the updates of the context with that tag; false if there is none. */
    public boolean cancelContext(String tag) {
        return contexts.removeIf(c -> c.tag.equals(tag));
    }

    /** RFC 5182 SEARCH RETURN (SAVE): what {@code $} names from now on (UIDs, ascending). */
    public void saveResult(long[] uids) {
        savedResult = uids.clone();
    }

    /** The saved result's UIDs still in the view, ascending. */
    public long[] savedResult() {
        long[] out = new long[savedResult.length];
        int n = 0;
        for (long uid : savedResult) {
            if (seq(uid) > 0) {
                out[n++] = uid;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The UIDs in the view that {@code set} names, ascending. {@code $} is the saved search
     * result, for sequence numbers and UIDs alike. Sequence numbers beyond the view
     * are an error the caller reports ({@link #validSequence}); UIDs that do not exist are
     * simply left out, as RFC 3501 says for UID commands.
     */
    public long[] resolve(SequenceSet set, boolean byUid) {
        if (set.savedResult()) {
            return savedResult();
        }
        // Collected as runs of the view's array: FETCH 1:* on a big mailbox copies, not boxes.
        long[] out = new long[16];
        int n = 0;
        long maxUid = maxUid();
        for (SequenceSet.Range r : set.ranges()) {
            int from;
            int to;
            boolean star = false;
            if (byUid) {
                if (count == 0) {
                    continue;
                }
                long a = r.from() == SequenceSet.STAR ? maxUid : r.from();
                long b = r.to() == SequenceSet.STAR ? maxUid : r.to();
                from = lowerBound(Math.min(a, b));
                to = lowerBound(Math.max(a, b) == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(a, b) + 1);
                // RFC 3501: "UID range of 559:* always includes the UID of the last message".
                star = r.to() == SequenceSet.STAR || r.from() == SequenceSet.STAR;
            } else {
                long a = r.from() == SequenceSet.STAR ? count : r.from();
                long b = r.to() == SequenceSet.STAR ? count : r.to();
                from = (int) Math.max(0, Math.min(a, b) - 1);
                to = (int) Math.min(count, Math.max(a, b));
            }
            int len = Math.max(0, to - from) + (star ? 1 : 0);
            if (n + len > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + len));
            }
            if (to > from) {
                System.arraycopy(uids, from, out, n, to - from);
                n += to - from;
            }
            if (star && (n == 0 || out[n - 1] != maxUid)) {
                out[n++] = maxUid;
            }
        }
        if (set.ranges().size() == 1) {
            return Arrays.copyOf(out, n);
        }
        // Several ranges may overlap or come in any order: sort and drop repeats.
        Arrays.sort(out, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || out[i] != out[m - 1]) {
                out[m++] = out[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** False if a message-number set names a number beyond the view (RFC 9051: BAD). */
    public boolean validSequence(SequenceSet set) {
        if (set.savedResult()) {
            return true;
        }
        for (SequenceSet.Range r : set.ranges()) {
            if (r.from() == 0 || r.to() == 0) {
                return false;
            }
            if ((r.from() != SequenceSet.STAR && r.from() > count) || (r.to() != SequenceSet.STAR && r.to() > count)) {
                return false;
            }
            if (count == 0) {
                return false;
            }
        }
        return true;
    }

    private int lowerBound(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i : -i - 1;
    }

    /** Called on the committing thread with a user's committed changes. */
    void offer(List<ChangeRecord> changes) {
        for (ChangeRecord c : changes) {
            if (guid.equals(c.mailbox())) {
                if (c.type() == ChangeRecord.Type.MAILBOX_DELETE) {
                    deleted = true;
                }
                pending.add(c);
            }
        }
    }

    boolean hasPending() {
        return !pending.isEmpty() || !expungedLater.isEmpty() || newHeld;
    }

    /** This session changed flags and answered with FETCH itself: do not repeat it at sync. */
    public void reported(MessageInfo info) {
        reported.merge(info.uid(), info.modSeq(), Math::max);
        noteFlags(info);
    }

    private void noteFlags(MessageInfo info) {
        int s = seq(info.uid());
        if (s > 0) {
            systemFlags[s - 1] = (byte) info.flags().system();
        }
    }

    /** The system flags of message {@code seq} as this session last heard them. */
    public int systemFlags(int seq) {
        return systemFlags[seq - 1];
    }

    /** The internal date of message {@code seq}, epoch millis. */
    public long internalDate(int seq) {
        return internalDates[seq - 1];
    }

    /** This session appended or expunged: make sure the next sync reports it even if no event came. */
    void noteAppended(long uid) {
        pending.add(new ChangeRecord(0, ChangeRecord.Type.APPEND, guid, uid, null, 0));
    }

    void noteExpunged(List<Long> expunged) {
        for (long uid : expunged) {
            pending.add(new ChangeRecord(0, ChangeRecord.Type.EXPUNGE, guid, uid, null, 0));
        }
    }

    /**
     * How {@link #sync} tells the client.
     *
     * @param allowExpunge false during FETCH, STORE and SEARCH (RFC 3501 section 7.4.1)
     * @param rev2         IMAP4rev2 is on: no RECENT response
     * @param withUid      add UID to unsolicited FETCH (CONDSTORE or a UID command)
     * @param modSeq       add MODSEQ to unsolicited FETCH (CONDSTORE)
     * @param vanished     RFC 7162 QRESYNC: one {@code * VANISHED} instead of EXPUNGEs
     * @param newMessages  false while RFC 5465 NOTIFY leaves MessageNew out for this mailbox:
     *                     new messages wait, out of the view, until it is true again
     * @param flagChanges  false while NOTIFY leaves FlagChange out: flag changes are not told
     *                     (the view still follows them, for SEARCH)
     */
    record Reporting(boolean allowExpunge, boolean rev2, boolean withUid, boolean modSeq, boolean vanished,
                     boolean newMessages, boolean flagChanges) {
    }

    /**
     * Tells the client what changed: EXPUNGE (when allowed), EXISTS/RECENT, what
     * {@code afterExists} writes for the new messages (given the highest UID known before),
     * FETCH FLAGS, then updates of RFC 5267 contexts.
     */
    void sync(UserStore store, ImapResponseWriter w, Reporting how, RecentTracker tracker,
              java.util.function.LongConsumer afterExists) {
        boolean allowExpunge = how.allowExpunge();
        boolean rev2 = how.rev2();
        boolean withUid = how.withUid();
        boolean modSeq = how.modSeq();
        boolean vanished = how.vanished();
        long maxUid = maxUid();
        boolean appended = newHeld;
        boolean flagsChanged = false;
        TreeSet<Long> flagged = new TreeSet<>();
        ChangeRecord c;
        while ((c = pending.poll()) != null) {
            switch (c.type()) {
                case APPEND:
                    appended |= c.uid() > maxUid;
                    break;
                case EXPUNGE:
                    if (seq(c.uid()) > 0) {
                        expungedLater.add(c.uid());
                    }
                    break;
                case FLAGS:
                    flagsChanged = true;
                    Long mine = reported.get(c.uid());
                    if (mine == null || mine < c.modSeq()) {
                        flagged.add(c.uid());
                    }
                    break;
                default:
                    break;
            }
        }
        reported.clear();
        if (allowExpunge && !expungedLater.isEmpty()) {
            // RFC 5267 section 4.3: REMOVEFROM before the EXPUNGE, in the numbers before it.
            for (SearchContext context : contexts) {
                update(w, context, without(context.result, expungedLater));
            }
            writeExpunges(w, vanished);
        }
        newHeld = appended && !how.newMessages();
        if (appended && how.newMessages()) {
            List<MessageInfo> added = store.messages(guid, maxUid + 1, Long.MAX_VALUE);
            if (!added.isEmpty()) {
                appendToView(added, tracker);
                UntaggedResponses.exists(w, count);
                if (!rev2) {
                    UntaggedResponses.recent(w, recent.size());
                }
                afterExists.accept(maxUid);
            }
        }
        for (long uid : flagged) {
            int s = seq(uid);
            if (s == 0 || expungedLater.contains(uid)) {
                continue;
            }
            Optional<MessageInfo> m = store.message(guid, uid);
            if (m.isPresent()) {
                noteFlags(m.get());
                if (!how.flagChanges()) {
                    continue;
                }
                FetchResponse f = FetchResponse.begin(w, s);
                if (withUid) {
                    f.uid(uid);
                }
                f.flags(m.get().flags(), !rev2 && recent.contains(uid));
                if (modSeq) {
                    f.modSeq(m.get().modSeq());
                }
                f.end();
            }
        }
        // RFC 5267: ADDTO after the EXISTS; flag changes (this session's own too) may move
        // messages in or out of a result.
        if ((appended && how.newMessages()) || flagsChanged) {
            for (SearchContext context : contexts) {
                update(w, context, context.evaluate.get());
            }
        }
    }

    private static long[] without(long[] uids, Set<Long> gone) {
        return Arrays.stream(uids).filter(u -> !gone.contains(u)).toArray();
    }

    /**
     * Tells the client how a context's result changed to {@code now}: REMOVEFROM then ADDTO. A
     * message's sort keys never change, so a SORT result only loses and gains messages and keeps
     * its order; removals are numbered as the list shrinks, additions by their final positions.
     * SEARCH results use position 0 (mailbox order).
     */
    private void update(ImapResponseWriter w, SearchContext c, long[] now) {
        long[] before = c.result;
        Set<Long> kept = new HashSet<>();
        for (long u : now) {
            kept.add(u);
        }
        Set<Long> had = new HashSet<>();
        for (long u : before) {
            had.add(u);
        }
        List<UntaggedResponses.ContextChange> removed = new ArrayList<>();
        List<UntaggedResponses.ContextChange> added = new ArrayList<>();
        List<Long> removedNumbers = new ArrayList<>();
        int gone = 0;
        for (int i = 0; i < before.length; i++) {
            if (!kept.contains(before[i])) {
                long n = c.uid ? before[i] : seq(before[i]);
                if (c.sorted) {
                    removed.add(new UntaggedResponses.ContextChange(i - gone + 1, NumberSet.of(n)));
                } else {
                    removedNumbers.add(n);
                }
                gone++;
            }
        }
        List<Long> addedNumbers = new ArrayList<>();
        for (int i = 0; i < now.length; i++) {
            if (!had.contains(now[i])) {
                long n = c.uid ? now[i] : seq(now[i]);
                if (c.sorted) {
                    added.add(new UntaggedResponses.ContextChange(i + 1, NumberSet.of(n)));
                } else {
                    addedNumbers.add(n);
                }
            }
        }
        if (!removedNumbers.isEmpty()) {
            removed.add(new UntaggedResponses.ContextChange(0,
                    NumberSet.sorted(removedNumbers.stream().mapToLong(Long::longValue).toArray())));
        }
        if (!addedNumbers.isEmpty()) {
            added.add(new UntaggedResponses.ContextChange(0,
                    NumberSet.sorted(addedNumbers.stream().mapToLong(Long::longValue).toArray())));
        }
        c.result = now;
        if (!removed.isEmpty() || !added.isEmpty()) {
            UntaggedResponses.esearchUpdate(w, c.tag, c.uid, removed, added);
        }
    }

    private void appendToView(List<MessageInfo> added, RecentTracker tracker) {
        if (count + added.size() > uids.length) {
            int capacity = Math.max(count + added.size(), uids.length * 2 + 16);
            uids = Arrays.copyOf(uids, capacity);
            systemFlags = Arrays.copyOf(systemFlags, capacity);
            internalDates = Arrays.copyOf(internalDates, capacity);
        }
        for (MessageInfo m : added) {
            systemFlags[count] = (byte) m.flags().system();
            internalDates[count] = m.internalDate();
            uids[count++] = m.uid();
        }
        if (!readOnly) {
            long before = tracker.claim(guid, maxUid());
            for (MessageInfo m : added) {
                if (m.uid() > before) {
                    recent.add(m.uid());
                }
            }
        }
    }

    /**
     * Sends the deferred EXPUNGEs in descending order, so each number is valid when it is sent,
     * or with QRESYNC one {@code * VANISHED} naming their UIDs.
     */
    private void writeExpunges(ImapResponseWriter w, boolean vanished) {
        List<Integer> seqs = new ArrayList<>();
        for (long uid : expungedLater) {
            int s = seq(uid);
            if (s > 0) {
                seqs.add(s);
            }
        }
        if (vanished) {
            if (!seqs.isEmpty()) {
                long[] gone = new long[seqs.size()];
                for (int i = 0; i < gone.length; i++) {
                    gone[i] = uids[seqs.get(i) - 1];
                }
                UntaggedResponses.vanished(w, false, NumberSet.sorted(gone));
            }
        } else {
            for (int i = seqs.size() - 1; i >= 0; i--) {
                UntaggedResponses.expunge(w, seqs.get(i));
            }
        }
        int j = 0;
        for (int i = 0; i < count; i++) {
            if (!expungedLater.contains(uids[i])) {
                systemFlags[j] = systemFlags[i];
                internalDates[j] = internalDates[i];
                uids[j++] = uids[i];
            }
        }
        count = j;
        recent.removeAll(expungedLater);
        expungedLater.clear();
    }
}
