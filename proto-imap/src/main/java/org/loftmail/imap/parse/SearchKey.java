package org.loftmail.imap.parse;

import java.time.LocalDate;
import java.util.List;

/**
 * The search-key tree of SEARCH, SORT and THREAD. Flag keys (ANSWERED, UNSEEN, KEYWORD ...)
 * become {@link Flag}; NEW is {@code And(Flag(\Recent), Flag(\Seen, false))} as RFC 3501 defines.
 */
public sealed interface SearchKey {
    record All() implements SearchKey { }

    /** The message has ({@code present}) or lacks the flag or keyword. */
    record Flag(String flag, boolean present) implements SearchKey { }

    /** BCC, CC, FROM, SUBJECT, TO, BODY, TEXT: substring match. */
    record Text(Field field, String value) implements SearchKey { }

    /** Where a {@link Text} key looks. */
    enum Field { BCC, CC, FROM, SUBJECT, TO, BODY, TEXT }

    /** HEADER name value; an empty value matches every message having the field. */
    record Header(String name, String value) implements SearchKey { }

    /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE. */
    record Date(boolean sent, Comparison comparison, LocalDate date) implements SearchKey { }

    /** RFC 8514 SAVEDBEFORE/SAVEDON/SAVEDSINCE: the day the message was saved into the mailbox. */
    record SaveDate(Comparison comparison, LocalDate date) implements SearchKey { }

    /** RFC 8514 SAVEDATESUPPORTED: every message, as every Loft mailbox keeps save dates. */
    record SaveDateSupported() implements SearchKey { }

    /** How a {@link Date} key compares. */
    enum Comparison { BEFORE, ON, SINCE }

    /** LARGER ({@code larger}) or SMALLER. */
    record Size(boolean larger, long size) implements SearchKey { }

    /** RFC 5032 YOUNGER ({@code younger}) or OLDER, in seconds. */
    record Within(boolean younger, long seconds) implements SearchKey { }

    /** A bare sequence set (message numbers). */
    record Sequence(SequenceSet set) implements SearchKey { }

    record Uid(SequenceSet set) implements SearchKey { }

    /** RFC 7162 MODSEQ; {@code entryName}/{@code entryType} are null when not given. */
    record ModSeq(String entryName, String entryType, long modSeq) implements SearchKey { }

    record Not(SearchKey key) implements SearchKey { }

    record Or(SearchKey left, SearchKey right) implements SearchKey { }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
