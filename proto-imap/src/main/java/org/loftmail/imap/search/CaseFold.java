package org.loftmail.imap.search;

/**
 * Case folding for substring search, one char at a time so it can run over a stream without
 * changing lengths: upper- then lower-casing maps variants such as long s, final sigma, Kelvin
 * sign and dotted capital I onto one form. This approximates the i;unicode-casemap comparator
 * Dovecot uses (RFC 5051) without its decomposition step; supplementary-plane letters are left as
 * they are.
 */
final class CaseFold {
    private CaseFold() {
    }

    static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static void foldInPlace(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
            chars[i] = fold(chars[i]);
        }
    }

    static String fold(String s) {
        char[] chars = s.toCharArray();
        foldInPlace(chars, 0, chars.length);
        return new String(chars);
    }
}
