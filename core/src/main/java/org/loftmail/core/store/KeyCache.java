package org.loftmail.core.store;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.UserId;
import org.loftmail.core.search.SortCriterion;


/**
 * SORT orders and THREAD inputs of recently sorted big mailboxes, shared by every user of the
 * node and bounded by entries, not by users. Sort and thread keys never change once a message is
 * saved, and a session ignores UIDs that are not in its view, so an entry stays right while no
 * message is added (UIDNEXT unchanged) whatever is expunged. Entries are stamped with
 * UIDVALIDITY and UIDNEXT together ({@link #stamp}), so a mailbox renumbered by an index rebuild
 * never reuses them. When UIDNEXT moves, sort orders take in the new messages where the index
 * places them and thread inputs are extended with the new messages' keys (see
 * {@link IndexedUserStore#sortOrder} and {@link IndexedUserStore#threadKeys}). Thread-safe.
 */
final class KeyCache {
    /** Mailboxes smaller than this are sorted from the index each time: it is fast enough. */
    static final int MIN_MESSAGES = 1000;
    static final KeyCache SHARED = new KeyCache(8_000_000, 1_000_000);

    private static final class Entry {
        final Map<SortCriterion, Sorted> orders = new EnumMap<>(SortCriterion.class);
        ThreadKeyList thread;
        long threadStamp;
    }

    /** Keyed by user too: a mailbox GUID copied by a migration may exist in two users. */
    private record Slot(UserId user, MailboxGuid mailbox) {
    }

    /** A kept sort order: every message below the UIDNEXT in {@code stamp}. */
    record Sorted(SortOrder order, long stamp) {
    }

    /** What {@link #thread} knows: the keys of every message below the UIDNEXT in {@code stamp}. */
    record Thread(ThreadKeyList keys, long stamp) {
    }

    private final long maxSortEntries;
    private final long maxThreadEntries;
    private final LinkedHashMap<Slot, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long sortEntries;
    private long threadEntries;

    /** UIDVALIDITY and UIDNEXT (both 32-bit in IMAP) in one long. */
    static long stamp(MailboxInfo info) {
        return info.uidValidity() << 32 | info.uidNext();
    }

    KeyCache(long maxSortEntries, long maxThreadEntries) {
        this.maxSortEntries = maxSortEntries;
        this.maxThreadEntries = maxThreadEntries;
    }

    synchronized Sorted sortOrder(UserId user, MailboxGuid mailbox, SortCriterion criterion) {
        Entry e = entries.get(new Slot(user, mailbox));
        return e == null ? null : e.orders.get(criterion);
    }

    synchronized void putSortOrder(UserId user, MailboxGuid mailbox, long stamp, SortCriterion criterion, SortOrder order) {
        Entry e = entries.computeIfAbsent(new Slot(user, mailbox), m -> new Entry());
        Sorted old = e.orders.put(criterion, new Sorted(order, stamp));
        sortEntries += order.size() - (old == null ? 0 : old.order().size());
        evict();
    }

    synchronized Thread thread(UserId user, MailboxGuid mailbox) {
        Entry e = entries.get(new Slot(user, mailbox));
        return e == null || e.thread == null ? null : new Thread(e.thread, e.threadStamp);
    }

    synchronized void putThread(UserId user, MailboxGuid mailbox, long stamp, ThreadKeyList keys) {
        Entry e = entries.computeIfAbsent(new Slot(user, mailbox), m -> new Entry());
        threadEntries += keys.size() - (e.thread == null ? 0 : e.thread.size());
        e.thread = keys;
        e.threadStamp = stamp;
        evict();
    }

    /** Drops least recently used mailboxes until both budgets hold (the newest always stays). */
    private void evict() {
        Iterator<Entry> it = entries.values().iterator();
        while ((sortEntries > maxSortEntries || threadEntries > maxThreadEntries) && entries.size() > 1 && it.hasNext()) {
            Entry e = it.next();
            for (Sorted o : e.orders.values()) {
                sortEntries -= o.order().size();
            }
            if (e.thread != null) {
                threadEntries -= e.thread.size();
            }
            it.remove();
        }
    }
}
