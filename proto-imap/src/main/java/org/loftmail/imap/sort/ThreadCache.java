package org.loftmail.imap.sort;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.loftmail.core.model.MailboxGuid;

/**
 * The THREAD answers of recently threaded big mailboxes, shared by every session of the node,
 * so that a webmail client refreshing its thread view of an unchanged mailbox does not thread
 * it again. An entry holds the exact UIDs that were threaded and the tree over them; it is
 * used only when a new THREAD would thread exactly those UIDs, with the same algorithm, in the
 * same mailbox and UIDVALIDITY. A message's thread keys never change once it is saved, so that
 * makes the answer the same. The tree's message indexes are indexes into the UID array.
 * Bounded by the number of nodes held; least recently used first out. Thread-safe; the trees
 * are never changed once stored.
 */
public final class ThreadCache {
    /** Smaller mailboxes are threaded each time: it is fast enough. */
    public static final int MIN_MESSAGES = 1000;
    public static final ThreadCache SHARED = new ThreadCache(2_000_000);

    /** What a cached answer belongs to. {@code user} keeps copies of a mailbox GUID apart. */
    public record Key(String user, MailboxGuid mailbox, long uidValidity, String algorithm) {
    }

    private record Entry(long[] uids, ThreadTree tree) {
    }

    private final long maxNodes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long nodes;

    public ThreadCache(long maxNodes) {
        this.maxNodes = maxNodes;
    }

    /** The tree for exactly these UIDs (ascending), or null. */
    public synchronized ThreadTree get(Key key, long[] uids) {
        Entry e = entries.get(key);
        return e != null && Arrays.equals(e.uids(), uids) ? e.tree() : null;
    }

    /** Keeps a tree whose message indexes are indexes into {@code uids}; the caller no longer changes {@code uids}. */
    public synchronized void put(Key key, long[] uids, ThreadTree tree) {
        Entry old = entries.put(key, new Entry(uids, tree));
        nodes += uids.length - (old == null ? 0 : old.uids().length);
        Iterator<Entry> it = entries.values().iterator();
        while (nodes > maxNodes && entries.size() > 1 && it.hasNext()) {
            nodes -= it.next().uids().length;
            it.remove();
        }
    }
}
