package org.loftmail.core.store.spi;

import java.util.Set;

/** Receives a mailbox's messages as UID and flags only, in UID order. */
@FunctionalInterface
public interface FlagsVisitor {
    /**
     * @param systemFlags  the {@link org.loftmail.core.model.Flags} system bits
     * @param internalDate epoch millis
     * @return false to stop
     */
    boolean visit(long uid, int systemFlags, long internalDate, Set<String> keywords);
}
