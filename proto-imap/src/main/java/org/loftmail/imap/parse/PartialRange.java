package org.loftmail.imap.parse;

/**
 * RFC 5267 {@code PARTIAL first:last}: result positions counted from 1, or with RFC 9394 from
 * the end (-1 the last result). Kept with the smaller magnitude first, both of one sign.
 */
public record PartialRange(long first, long last) {
    public PartialRange {
        if (first == 0 || last == 0 || (first < 0) != (last < 0)) {
            throw new ParseException("Invalid PARTIAL range");
        }
        if (Math.abs(first) > Math.abs(last)) {
            long t = first;
            first = last;
            last = t;
        }
    }

    /** The slice {@code [from, to)} of a result of {@code size} entries this range selects. */
    public int[] slice(int size) {
        long from;
        long to;
        if (first > 0) {
            from = first - 1;
            to = Math.min(last, size);
        } else {
            from = Math.max(0, size + last);
            to = size + first + 1;
        }
        from = Math.min(from, size);
        return new int[] {(int) from, (int) Math.max(from, Math.min(to, size))};
    }

    /** As written in the response: {@code 1:100} or {@code -1:-100}. */
    @Override
    public String toString() {
        return first + ":" + last;
    }
}
