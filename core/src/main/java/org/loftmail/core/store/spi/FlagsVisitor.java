package org.loftmail.core.store.spi;

import java.util.Set;

/** Receives a mailbox's messages as UID and flags only, in UID order. */
@FunctionalInterface
public interface FlagsVisitor {
    /**
     * @param systemFlags the {@link org.loftmail.core.model.Flags} system bits
     * @return false to stop
     */
    boolean visit(long uid, int systemFlags, Set<String> keywords);
}
