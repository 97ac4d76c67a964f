package org.loftmail.core.store.spi;

/** Receives where messages go in the order of one sort key, for extending a kept order. */
@FunctionalInterface
public interface SortPlacementVisitor {
    /**
     * @param previousUid the message just before it in that order, 0 if it is first, -1 if the
     *                    index has no sort entry for it (the order must be read again)
     * @param sameKey     its key equals that message's (a tie, broken by UID)
     * @return false to stop
     */
    boolean visit(long uid, long previousUid, boolean sameKey);
}
