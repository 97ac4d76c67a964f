package org.loftmail.core.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) of a password before SCRAM hashes it, so that a password typed in another
 * Unicode form gives the same keys. Implemented: mapping non-ASCII spaces (C.1.2) to a space and
 * "commonly mapped to nothing" characters (B.1) to nothing, NFKC, and refusing the prohibited
 * characters of RFC 4013 section 2.3 (controls, private use, non-characters, surrogates,
 * bidi and tagging characters, C.6 and C.7). Not implemented: the bidirectional check of
 * section 2.5 and the unassigned code point check against Unicode 3.2 (a query may hold those).
 * ASCII passwords without control characters come out unchanged.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    /** The prepared string, or null if it holds a prohibited character. */
    public static String prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (mappedToNothing(c)) {
                continue;
            }
            mapped.appendCodePoint(c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR ? ' ' : c);
        }
        String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            i += Character.charCount(c);
            if (prohibited(c)) {
                return null;
            }
        }
        return n;
    }

    private static boolean mappedToNothing(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D)
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }

    private static boolean prohibited(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL // C.2.1, C.2.2 (C0, DEL, C1)
                || type == Character.PRIVATE_USE // C.3
                || type == Character.SURROGATE // C.5 (only unpaired ones survive codePointAt)
                || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE // C.4 non-characters
                || (c >= 0xFFF9 && c <= 0xFFFD) // C.6, C.7
                || (c >= 0x2FF0 && c <= 0x2FFB) // C.7
                || c == 0x0340 || c == 0x0341 || c == 0x200E || c == 0x200F // C.8
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x206A && c <= 0x206F) // C.8
                || c == 0x06DD || c == 0x070F || c == 0x180E || c == 0x2028 || c == 0x2029 // C.2.2
                || (c >= 0x2061 && c <= 0x2063) || (c >= 0x1D173 && c <= 0x1D17A) // C.2.2
                || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F); // C.9
    }
}
