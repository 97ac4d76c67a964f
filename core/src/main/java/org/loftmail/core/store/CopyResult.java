package org.loftmail.core.store;

import java.util.List;

/** UIDPLUS {@code COPYUID}: source UIDs and the target UIDs they became, pairwise. */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
    }
}
