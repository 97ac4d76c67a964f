package org.loftmail.imap.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.loftmail.imap.parse.SearchKey;
import org.loftmail.imap.parse.SequenceSet;

/**
 * A compiled search key. Each knows what answering it costs, so {@link And} and {@link Or} ask the
 * index record before opening the summary, the header or the body, and a search on flags alone
 * never touches the message.
 */
sealed interface Criterion {
    /** Answered from the index record and session state. */
    int CHEAP = 0;
    /** Needs the message summary. */
    int SUMMARY = 1;
    /** Needs the top-level header of the message. */
    int HEADER = 2;
    /** Needs the whole message. */
    int BODY = 3;

    boolean test(MessageScan m);

    int cost();

    record Constant(boolean value) implements Criterion {
        public boolean test(MessageScan m) {
            return value;
        }

        public int cost() {
            return CHEAP;
        }
    }

    record Recent(boolean present) implements Criterion {
        public boolean test(MessageScan m) {
            return m.message().recent() == present;
        }

        public int cost() {
            return CHEAP;
        }
    }

    record SystemFlag(int bit, boolean present) implements Criterion {
        public boolean test(MessageScan m) {
            return m.message().info().flags().has(bit) == present;
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** Keywords compare case-insensitively: {@code Flags} keeps them in a case-insensitive set. */
    record Keyword(String name, boolean present) implements Criterion {
        public boolean test(MessageScan m) {
            return m.message().info().flags().keywords().contains(name) == present;
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** A message sequence set; {@code max} resolves {@code *}, and an empty mailbox matches nothing. */
    record Sequence(SequenceSet set, long max) implements Criterion {
        public boolean test(MessageScan m) {
            return max > 0 && set.contains(m.message().seq(), max);
        }

        public int cost() {
            return CHEAP;
        }
    }

    record Uid(SequenceSet set, long max) implements Criterion {
        public boolean test(MessageScan m) {
            return max > 0 && set.contains(m.message().info().uid(), max);
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** LARGER and SMALLER compare RFC822.SIZE, strictly. */
    record Size(boolean larger, long size) implements Criterion {
        public boolean test(MessageScan m) {
            long actual = m.message().info().virtualSize();
            return larger ? actual > size : actual < size;
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** BEFORE/ON/SINCE: the day of the internal date in the server's zone. */
    record InternalDate(SearchKey.Comparison comparison, LocalDate date, ZoneId zone, long dayStart, long dayEnd)
        implements Criterion {
        /** The day's bounds in the zone are worked out once, so each message costs two compares. */
        public InternalDate(SearchKey.Comparison comparison, LocalDate date, ZoneId zone) {
            this(comparison, date, zone, date.atStartOfDay(zone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        }

        public boolean test(MessageScan m) {
            return matches(m.message().info().internalDate());
        }

        boolean matches(long t) {
            return switch (comparison) {
                case BEFORE -> t < dayStart;
                case ON -> t >= dayStart && t < dayEnd;
                default -> t >= dayStart;
            };
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** RFC 8514 SAVEDBEFORE/SAVEDON/SAVEDSINCE: the day of the save date in the server's zone. */
    record SaveDate(InternalDate day) implements Criterion {
        public boolean test(MessageScan m) {
            return day.matches(m.message().info().saveDate());
        }

        public int cost() {
            return CHEAP;
        }
    }

    /**
     * SENTBEFORE/SENTON/SENTSINCE. RFC 3501 wants the Date header's day in the header's own zone;
     * the summary keeps only the instant (the internal date when Date is missing or unreadable),
     * so the day is taken in the server's zone. Messages sent near midnight from another zone
     * can land on the neighbouring day.
     */
    record SentDate(SearchKey.Comparison comparison, LocalDate date, ZoneId zone) implements Criterion {
        public boolean test(MessageScan m) {
            return compare(comparison, day(m.message().summary().sortKeys().sentDate(), zone), date);
        }

        public int cost() {
            return SUMMARY;
        }
    }

    /**
     * RFC 5032 OLDER/YOUNGER, in whole seconds like Dovecot: OLDER n is an age of at least n
     * seconds, YOUNGER n at most n, so a message exactly n seconds old matches both.
     *
     * @param threshold now minus the interval, in epoch seconds
     */
    record Within(boolean younger, long threshold) implements Criterion {
        public boolean test(MessageScan m) {
            long date = Math.floorDiv(m.message().info().internalDate(), 1000L);
            return younger ? date >= threshold : date <= threshold;
        }

        public int cost() {
            return CHEAP;
        }
    }

    /**
     * RFC 7162 MODSEQ: at least the given value. Per-flag entry names fall back to the message's
     * mod-sequence, which RFC 7162 section 3.1.5 allows for servers that keep one per message.
     */
    record ModSeq(long modSeq) implements Criterion {
        public boolean test(MessageScan m) {
            return m.message().info().modSeq() >= modSeq;
        }

        public int cost() {
            return CHEAP;
        }
    }

    /** A top-level header field containing a folded string; "" asks only that the field exists. */
    record HeaderContains(String name, String folded) implements Criterion {
        public boolean test(MessageScan m) {
            for (String value : m.header(name)) {
                if (value.contains(folded)) {
                    return true;
                }
            }
            return false;
        }

        public int cost() {
            return HEADER;
        }
    }

    /** BODY or TEXT: the needle with this index in the search's plan. */
    record BodyContains(int needle) implements Criterion {
        public boolean test(MessageScan m) {
            return m.bodyContains(needle);
        }

        public int cost() {
            return BODY;
        }
    }

    record Not(Criterion criterion) implements Criterion {
        public boolean test(MessageScan m) {
            return !criterion.test(m);
        }

        public int cost() {
            return criterion.cost();
        }
    }

    record Or(Criterion left, Criterion right) implements Criterion {
        public boolean test(MessageScan m) {
            boolean leftFirst = left.cost() <= right.cost();
            Criterion first = leftFirst ? left : right;
            Criterion second = leftFirst ? right : left;
            return first.test(m) || second.test(m);
        }

        public int cost() {
            return Math.max(left.cost(), right.cost());
        }
    }

    /** All must hold; tried cheapest first (the sort is stable, so equal costs keep client order). */
    record And(List<Criterion> all) implements Criterion {
        public And {
            List<Criterion> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingInt(Criterion::cost));
            all = List.copyOf(sorted);
        }

        public boolean test(MessageScan m) {
            for (Criterion c : all) {
                if (!c.test(m)) {
                    return false;
                }
            }
            return true;
        }

        public int cost() {
            int max = CHEAP;
            for (Criterion c : all) {
                max = Math.max(max, c.cost());
            }
            return max;
        }
    }

    private static LocalDate day(long epochMillis, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    private static boolean compare(SearchKey.Comparison comparison, LocalDate actual, LocalDate wanted) {
        switch (comparison) {
            case BEFORE:
                return actual.isBefore(wanted);
            case ON:
                return actual.isEqual(wanted);
            default:
                return !actual.isBefore(wanted);
        }
    }
}
