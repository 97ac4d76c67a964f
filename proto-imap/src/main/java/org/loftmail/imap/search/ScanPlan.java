package org.loftmail.imap.search;

import java.util.List;
import java.util.Set;

/**
 * What a search needs from inside a message, collected while compiling: the top-level header
 * fields its header keys name (only those are kept in memory) and its BODY/TEXT strings (all
 * matched in one pass).
 *
 * @param headerNames lower-cased field names
 * @param needles     indexed by {@link Criterion.BodyContains#needle()}
 */
record ScanPlan(Set<String> headerNames, List<Needle> needles) {
    ScanPlan {
        headerNames = Set.copyOf(headerNames);
        needles = List.copyOf(needles);
    }
}
