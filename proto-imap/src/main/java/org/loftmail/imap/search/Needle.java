package org.loftmail.imap.search;

/**
 * One case-folded search string compiled for Knuth-Morris-Pratt matching: the match state is a
 * single int, so text can arrive in chunks of any size and never needs an overlap buffer.
 *
 * @see NeedleSet
 */
final class Needle {
    private final char[] pattern;
    private final int[] fallback;
    private final boolean headers;

    /**
     * @param folded  the string, already passed through {@link CaseFold}; not empty
     * @param headers whether header text counts too (TEXT), not only body text (BODY)
     */
    Needle(String folded, boolean headers) {
        if (folded.isEmpty()) {
            throw new IllegalArgumentException("empty needle");
        }
        this.pattern = folded.toCharArray();
        this.headers = headers;
        this.fallback = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    boolean headers() {
        return headers;
    }

    int length() {
        return pattern.length;
    }

    /** The state after {@code c}, given the chars matched so far; {@link #length()} means found. */
    int step(int state, char c) {
        while (state > 0 && pattern[state] != c) {
            state = fallback[state - 1];
        }
        return pattern[state] == c ? state + 1 : 0;
    }

    boolean sameAs(String folded, boolean withHeaders) {
        return headers == withHeaders && new String(pattern).equals(folded);
    }
}
