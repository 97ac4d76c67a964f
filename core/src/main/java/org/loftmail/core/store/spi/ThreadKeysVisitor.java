package org.loftmail.core.store.spi;

import org.loftmail.core.mime.ThreadKeys;

/** Receives a mailbox's THREAD inputs in UID order. */
@FunctionalInterface
public interface ThreadKeysVisitor {
    /** @return false to stop */
    boolean visit(long uid, ThreadKeys keys);
}
