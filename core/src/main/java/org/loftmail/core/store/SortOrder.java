package org.loftmail.core.store;

import java.util.BitSet;

/**
 * A mailbox's messages in ascending order of one SORT criterion's key, ties in UID order, read
 * from the index's sort table. {@code sameKey.get(i)} says message {@code i} has the same key
 * as message {@code i - 1}, which multi-key SORT and REVERSE need. Not copied: do not modify.
 */
public record SortOrder(long[] uids, BitSet sameKey) {
    public int size() {
        return uids.length;
    }
}
