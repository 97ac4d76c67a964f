package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 3501 sequence-set ({@code 1:*,5,7:9}) of message sequence numbers or UIDs, or
 * {@code $} (RFC 5182 SEARCHRES: the saved search result, resolved by the session).
 * {@link #STAR} stands for {@code *}, the largest number in use.
 */
public record SequenceSet(List<Range> ranges, boolean savedResult) {
    public static final long STAR = -1;
    private static final long MAX = 0xFFFFFFFFL;
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** From..to as written; either may be {@link #STAR}; a range may be written backwards. */
    public record Range(long from, long to) {
        long low(long max) {
            return Math.min(resolve(from, max), resolve(to, max));
        }

        long high(long max) {
            return Math.max(resolve(from, max), resolve(to, max));
        }
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public static SequenceSet parse(String text) {
        if (text.equals("$")) {
            return SAVED;
        }
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                out.add(new Range(n, n));
            } else {
                out.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(out, false);
    }

    private static long number(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
            throw new ParseException("Invalid sequence set");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseException("Invalid sequence set");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX) {
            throw new ParseException("Invalid sequence set");
        }
        return n;
    }

    private static long resolve(long n, long max) {
        return n == STAR ? max : n;
    }

    /**
     * Whether {@code n} is in the set when {@code max} is the largest number in use ({@code *}).
     * Always false for {@code $}, which the session must substitute first.
     */
    public boolean contains(long n, long max) {
        for (Range r : ranges) {
            if (n >= r.low(max) && n <= r.high(max)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        if (savedResult) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            sb.append(sb.length() > 0 ? "," : "").append(r.from == STAR ? "*" : String.valueOf(r.from));
            if (r.from != r.to) {
                sb.append(':').append(r.to == STAR ? "*" : String.valueOf(r.to));
            }
        }
        return sb.toString();
    }
}
