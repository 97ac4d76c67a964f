package org.loftmail.imap.wire;

import java.util.OptionalLong;

/**
 * One RFC 4731 ESEARCH response. Absent parts are not written; {@code all} is null when the
 * result is empty, because a sequence set cannot be.
 *
 * @param tag          the command's tag, or null when the response is not tied to one
 * @param uid          true when the numbers are UIDs
 * @param partialRange RFC 5267 PARTIAL as asked ({@code 1:100}), null when not asked
 * @param partial      the results in that range, null for none (written NIL)
 */
public record EsearchResult(String tag, boolean uid, OptionalLong min, OptionalLong max, NumberSet all,
                            OptionalLong count, OptionalLong modSeq, String partialRange, NumberSet partial) {
    public EsearchResult(String tag, boolean uid, OptionalLong min, OptionalLong max, NumberSet all,
                         OptionalLong count, OptionalLong modSeq) {
        this(tag, uid, min, max, all, count, modSeq, null, null);
    }
}
