package org.loftmail.imap.wire;

import java.util.Arrays;

/**
 * A non-empty sequence set or UID set as the server writes it: runs of consecutive ascending
 * numbers collapse into {@code a:b} ranges, e.g. {@code 1:3,5,7:9}. Order is kept because
 * COPYUID pairs its source and destination sets position by position; use {@link #sorted} for
 * the canonical form of an unordered collection. Held as ranges, so {@code 1:4000000} is two longs.
 */
public final class NumberSet {
    private final long[] starts;
    private final long[] ends;

    private NumberSet(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** The numbers in the given order, consecutive ascending runs merged. */
    public static NumberSet of(long... numbers) {
        Builder b = new Builder();
        for (long n : numbers) {
            b.add(n);
        }
        return b.build();
    }

    /** The numbers sorted and without duplicates. */
    public static NumberSet sorted(long... numbers) {
        long[] copy = numbers.clone();
        Arrays.sort(copy);
        Builder b = new Builder();
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                b.add(copy[i]);
            }
        }
        return b.build();
    }

    public static NumberSet range(long first, long last) {
        return new Builder().addRange(first, last).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of ranges ({@code a:b} or a single number) the set is written as. */
    public int rangeCount() {
        return starts.length;
    }

    public long start(int range) {
        return starts[range];
    }

    public long end(int range) {
        return ends[range];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberSet s && Arrays.equals(starts, s.starts) && Arrays.equals(ends, s.ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < starts.length; i++) {
            sb.append(i == 0 ? "" : ",").append(starts[i]);
            if (ends[i] != starts[i]) {
                sb.append(':').append(ends[i]);
            }
        }
        return sb.toString();
    }

    /** Accumulates numbers in order, merging each into the last range when it extends it. */
    public static final class Builder {
        private long[] starts = new long[4];
        private long[] ends = new long[4];
        private int size;

        public Builder add(long n) {
            return addRange(n, n);
        }

        public Builder addRange(long first, long last) {
            // nz-number: 0 is never a valid message number or UID.
            if (first < 1 || last < first || last > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("bad range " + first + ":" + last);
            }
            if (size > 0 && first == ends[size - 1] + 1) {
                ends[size - 1] = last;
                return this;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = first;
            ends[size] = last;
            size++;
            return this;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public NumberSet build() {
            if (size == 0) {
                throw new IllegalStateException("a sequence set cannot be empty");
            }
            return new NumberSet(Arrays.copyOf(starts, size), Arrays.copyOf(ends, size));
        }
    }
}
