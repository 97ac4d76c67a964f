package org.loftmail.imap.sort;

import java.util.Arrays;
import java.util.function.LongToIntFunction;
import org.loftmail.core.store.SortOrder;

/**
 * One sort key as a dense rank per view position: equal keys share a rank, and a smaller rank
 * is a smaller key. Positions the index no longer holds (expunged by another session) have
 * rank -1.
 */
public final class Ranks {
    private final int[] rank;
    private final int max;

    private Ranks(int[] rank, int max) {
        this.rank = rank;
        this.max = max;
    }

    /**
     * @param positionOf the view position of a UID, or -1 when the view does not hold it
     * @param size       the number of positions in the view
     */
    public static Ranks of(SortOrder order, LongToIntFunction positionOf, int size) {
        int[] rank = new int[size];
        Arrays.fill(rank, -1);
        int r = -1;
        long[] uids = order.uids();
        for (int i = 0; i < uids.length; i++) {
            if (r < 0 || !order.sameKey().get(i)) {
                r++;
            }
            int p = positionOf.applyAsInt(uids[i]);
            if (p >= 0) {
                rank[p] = r;
            }
        }
        return new Ranks(rank, Math.max(r, 0));
    }

    /** Ranks given directly, for tests and callers that computed them. */
    public static Ranks of(int[] rank) {
        int max = 0;
        for (int r : rank) {
            max = Math.max(max, r);
        }
        return new Ranks(rank.clone(), max);
    }

    public int rank(int position) {
        return rank[position];
    }

    /** The largest rank. */
    public int max() {
        return max;
    }
}
