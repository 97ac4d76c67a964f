package org.loftmail.imap.wire;

/** Which of the three IMAP string forms a value can take; the cheapest one wins. */
enum StringForm {
    ATOM, QUOTED, LITERAL;

    /**
     * @param astring true when a bare atom is allowed (astring), false for string
     * @param utf8    true when quoted strings may carry UTF-8 (RFC 9051, RFC 6855)
     */
    static StringForm of(CharSequence s, boolean astring, boolean utf8) {
        if (needsLiteral(s, utf8)) {
            return LITERAL;
        }
        if (!astring || s.length() == 0 || isNil(s)) {
            return QUOTED;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAstringChar(s.charAt(i))) {
                return QUOTED;
            }
        }
        return ATOM;
    }

    /** CR, LF and NUL never fit a quoted string; 8-bit only does in UTF-8 mode. */
    static boolean needsLiteral(CharSequence s, boolean utf8) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3501 ASTRING-CHAR: ATOM-CHAR plus {@code ]}. */
    static boolean isAstringChar(char c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\".indexOf(c) < 0;
    }

    private static boolean isNil(CharSequence s) {
        return s.length() == 3 && (s.charAt(0) | 0x20) == 'n' && (s.charAt(1) | 0x20) == 'i'
                && (s.charAt(2) | 0x20) == 'l';
    }
}
