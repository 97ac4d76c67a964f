package org.loftmail.core.store.spi;

/** Receives a mailbox's UIDs in the order of one sort key. */
@FunctionalInterface
public interface SortVisitor {
    /**
     * @param sameKey the message's key equals the previous message's (a tie, broken by UID)
     * @return false to stop
     */
    boolean visit(long uid, boolean sameKey);
}
