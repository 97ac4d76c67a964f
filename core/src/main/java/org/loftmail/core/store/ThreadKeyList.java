package org.loftmail.core.store;

import org.loftmail.core.mime.ThreadKeys;

/**
 * Every message's RFC 5256 THREAD inputs, {@code keys[i]} for {@code uids[i]}, UIDs ascending.
 * Not copied: do not modify.
 */
public record ThreadKeyList(long[] uids, ThreadKeys[] keys) {
    public int size() {
        return uids.length;
    }
}
