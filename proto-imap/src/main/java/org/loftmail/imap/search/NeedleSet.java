package org.loftmail.imap.search;

import java.util.Arrays;
import java.util.List;

/**
 * The match state of every BODY/TEXT string of one search over one message, so the message is
 * read once however many strings there are. A match never spans two segments (a header field, a
 * part's body): callers end each with {@link #endSegment()}.
 */
final class NeedleSet {
    private final Needle[] needles;
    private final int[] state;
    private final boolean[] found;
    private int remaining;
    private int headerRemaining;

    NeedleSet(List<Needle> needles) {
        this.needles = needles.toArray(new Needle[0]);
        this.state = new int[this.needles.length];
        this.found = new boolean[this.needles.length];
        this.remaining = this.needles.length;
        for (Needle n : this.needles) {
            headerRemaining += n.headers() ? 1 : 0;
        }
    }

    /** Feeds case-folded text; header text only reaches the needles that want headers. */
    void feed(char[] chars, int off, int len, boolean header) {
        for (int n = 0; n < needles.length; n++) {
            if (found[n] || header && !needles[n].headers()) {
                continue;
            }
            Needle needle = needles[n];
            int s = state[n];
            for (int i = off; i < off + len; i++) {
                s = needle.step(s, chars[i]);
                if (s == needle.length()) {
                    found[n] = true;
                    remaining--;
                    headerRemaining -= needle.headers() ? 1 : 0;
                    break;
                }
            }
            state[n] = s;
        }
    }

    void feed(String folded, boolean header) {
        char[] chars = folded.toCharArray();
        feed(chars, 0, chars.length, header);
    }

    void endSegment() {
        Arrays.fill(state, 0);
    }

    boolean done() {
        return remaining == 0;
    }

    /** Whether header text can still change an answer. */
    boolean wantsHeaders() {
        return headerRemaining > 0;
    }

    boolean found(int needle) {
        return found[needle];
    }
}
