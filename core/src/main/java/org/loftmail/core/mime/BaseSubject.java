package org.loftmail.core.mime;

/**
 * RFC 5256 section 2.1 base subject, on an already decoded subject. The result is in
 * {@link Casemap} key form (i;unicode-casemap), so the index can compare and group subjects
 * bytewise. {@link Result#replyOrForward()} says
 * whether a "Re:", "Fw:", "Fwd:", "(fwd)" or "[fwd: …]" was removed (ORDEREDSUBJECT and
 * REFERENCES need it).
 */
final class BaseSubject {
    private BaseSubject() {
    }

    record Result(String base, boolean replyOrForward) {
    }

    static Result of(String decoded) {
        String s = normaliseSpace(decoded);
        boolean reply = false;
        while (true) {
            // (2) trailers: "(fwd)" and whitespace.
            while (true) {
                String t = s.strip();
                if (t.length() >= 5 && t.regionMatches(true, t.length() - 5, "(fwd)", 0, 5)) {
                    s = t.substring(0, t.length() - 5);
                    reply = true;
                } else {
                    s = t;
                    break;
                }
            }
            // (3)+(4), repeated until nothing changes (5).
            while (true) {
                String before = s;
                int leader;
                while ((leader = leaderLength(s)) > 0) {
                    if (leaderIsRefwd(s, leader)) {
                        reply = true;
                    }
                    s = s.substring(leader);
                }
                int blob = blobLength(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                }
                if (s.equals(before)) {
                    break;
                }
            }
            // (6) "[fwd: …]" wrapper.
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                reply = true;
                continue;
            }
            return new Result(Casemap.key(s), reply);
        }
    }

    /** Step (1): tabs, line breaks and runs of whitespace become single spaces. */
    private static String normaliseSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        if (space) {
            b.append(' ');
        }
        return b.toString();
    }

    /** Length of a subj-leader at the start: (*subj-blob subj-refwd) / WSP; 0 if none. */
    private static int leaderLength(String s) {
        if (!s.isEmpty() && s.charAt(0) == ' ') {
            return 1;
        }
        int i = 0;
        while (true) {
            int refwd = refwdLength(s, i);
            if (refwd > 0) {
                return i + refwd;
            }
            int blob = blobLength(s, i);
            if (blob == 0) {
                return 0;
            }
            i += blob;
        }
    }

    private static boolean leaderIsRefwd(String s, int length) {
        return length > 1 || s.charAt(0) != ' ';
    }

    /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":" at {@code i}; 0 if none. */
    private static int refwdLength(String s, int i) {
        int j;
        if (s.regionMatches(true, i, "re", 0, 2)) {
            j = i + 2;
        } else if (s.regionMatches(true, i, "fwd", 0, 3)) {
            j = i + 3;
        } else if (s.regionMatches(true, i, "fw", 0, 2)) {
            j = i + 2;
        } else {
            return 0;
        }
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        j += blobLength(s, j);
        if (j < s.length() && s.charAt(j) == ':') {
            return j + 1 - i;
        }
        return 0;
    }

    /** subj-blob = "[" *BLOBCHAR "]" *WSP at {@code i}; 0 if none. */
    private static int blobLength(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '[') {
            return 0;
        }
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != ']') {
            if (s.charAt(j) == '[') {
                return 0;
            }
            j++;
        }
        if (j >= s.length()) {
            return 0;
        }
        j++;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j - i;
    }
}
