package org.loftmail.imap.sort;

import java.util.List;

/**
 * Orders positions by several keys, the first most significant, each ascending or REVERSE, and
 * what still ties by position (RFC 5256: "the order in which they appear in the mailbox", which
 * REVERSE does not turn around). It is a least-significant-key-first radix sort: one stable
 * counting sort per key, linear in the number of messages, with no comparisons.
 */
public final class MultiKeySort {
    private MultiKeySort() {
    }

    /** One key: its ranks and whether it is REVERSE. */
    public record Key(Ranks ranks, boolean reverse) {
    }

    /**
     * @param positions ascending view positions to sort; positions with rank -1 under any key
     *                  (no longer in the index) are left out
     */
    public static int[] sort(int[] positions, List<Key> keys) {
        int n = 0;
        int[] order = new int[positions.length];
        for (int p : positions) {
            boolean present = true;
            for (Key k : keys) {
                present &= k.ranks().rank(p) >= 0;
            }
            if (present) {
                order[n++] = p;
            }
        }
        order = java.util.Arrays.copyOf(order, n);
        for (int i = keys.size() - 1; i >= 0; i--) {
            order = byKey(order, keys.get(i));
        }
        return order;
    }

    private static int[] byKey(int[] order, Key key) {
        Ranks r = key.ranks();
        int max = r.max();
        int[] start = new int[max + 2];
        for (int p : order) {
            start[bucket(r, p, max, key.reverse()) + 1]++;
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        int[] out = new int[order.length];
        for (int p : order) {
            out[start[bucket(r, p, max, key.reverse())]++] = p;
        }
        return out;
    }

    private static int bucket(Ranks r, int p, int max, boolean reverse) {
        return reverse ? max - r.rank(p) : r.rank(p);
    }
}
