package org.loftmail.core.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} slots held per key at once (connections per user and address,
 * deliveries per user). Thread-safe; a key with no slot held takes no memory.
 *
 * @param <K> what is counted
 */
public final class KeyedSlots<K> {
    private final int limit;
    private final Map<K, Integer> held = new ConcurrentHashMap<>();

    /** {@code limit} 0 (or less) means no limit, and nothing is counted. */
    public KeyedSlots(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Takes a slot; false (nothing taken) when the key is at the limit. */
    public boolean acquire(K key) {
        if (limit <= 0) {
            return true;
        }
        boolean[] ok = {false};
        held.compute(key, (k, n) -> {
            int c = n == null ? 0 : n;
            ok[0] = c < limit;
            return ok[0] ? c + 1 : n;
        });
        return ok[0];
    }

    /** Gives back a slot {@link #acquire} took. */
    public void release(K key) {
        if (limit > 0) {
            held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
