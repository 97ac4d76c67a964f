package org.loftmail.core.store;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A mailbox's messages in ascending order of one SORT criterion's key, ties in UID order, read
 * from the index's sort table. {@code sameKey.get(i)} says message {@code i} has the same key
 * as message {@code i - 1}, which multi-key SORT and REVERSE need. Not copied: do not modify.
 */
public record SortOrder(long[] uids, BitSet sameKey) {
    public int size() {
        return uids.length;
    }

    /**
     * This order with new messages put in: message {@code newUids[i]} goes right after
     * {@code previous[i]} (0: first), tying with it if {@code same[i]}. A new message may follow
     * another new one. Null if a placement names a UID this order does not hold.
     *
     * <p>The tie bit of the message after a new one stays as it was: a new message has the
     * highest UID, so any message it ties with comes before it, and the next message in the
     * index's order has a greater key than both. Expunged messages this order still holds (a
     * session skips them) can sit anywhere between.
     */
    SortOrder with(long[] newUids, long[] previous, boolean[] same, int count) {
        Map<Long, Integer> after = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            if (after.put(previous[i], i) != null) {
                return null;
            }
        }
        long[] out = new long[uids.length + count];
        BitSet outSame = new BitSet(out.length);
        int n = chain(0, after, newUids, same, out, outSame, 0);
        for (int i = 0; i < uids.length; i++) {
            if (sameKey.get(i)) {
                outSame.set(n);
            }
            out[n++] = uids[i];
            n = chain(uids[i], after, newUids, same, out, outSame, n);
        }
        return n == out.length ? new SortOrder(out, outSame) : null;
    }

    /** Writes the new messages that follow {@code uid}, one after another; the next free index. */
    private static int chain(long uid, Map<Long, Integer> after, long[] newUids, boolean[] same, long[] out,
                             BitSet outSame, int n) {
        for (Integer j = after.get(uid); j != null && n < out.length; j = after.get(newUids[j])) {
            if (same[j]) {
                outSame.set(n);
            }
            out[n++] = newUids[j];
        }
        return n;
    }
}
