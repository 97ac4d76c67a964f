package org.loftmail.imap.parse;

import org.loftmail.core.search.SortCriterion;

/** One criterion of a SORT command (RFC 5256, RFC 5957), possibly REVERSE. */
public record SortSpec(SortCriterion key, boolean reverse) {
    static SortCriterion key(String atom) {
        for (SortCriterion k : SortCriterion.values()) {
            if (k.name().equalsIgnoreCase(atom)) {
                return k;
            }
        }
        throw new ParseException("Unknown sort criterion " + atom);
    }
}
