package org.loftmail.core.mime;

import java.text.Normalizer;

/**
 * RFC 5051 i;unicode-casemap in key form: every character is replaced by its titlecase mapping,
 * then the string by its NFKD decomposition. Two strings compare under the collation as their
 * keys compare as UTF-8 octets, so the index can store keys and compare them bytewise. For
 * US-ASCII this is RFC 4790 i;ascii-casemap (a-z become A-Z), the RFC 5256 baseline.
 */
public final class Casemap {
    private Casemap() {
    }

    public static String key(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            char[] c = s.toCharArray();
            for (int i = 0; i < c.length; i++) {
                if (c[i] >= 'a' && c[i] <= 'z') {
                    c[i] -= 'a' - 'A';
                }
            }
            return new String(c);
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.toTitleCase(cp)));
        return Normalizer.normalize(b, Normalizer.Form.NFKD);
    }
}
