package org.loftmail.auth.socket;

/**
 * Dovecot's "tab-escaping" of protocol values: {@code \001} followed by {@code 0}, {@code 1},
 * {@code t}, {@code r} or {@code n} stands for NUL, {@code \001}, TAB, CR or LF. A user name
 * comes from the remote client, so it is escaped before it goes into a reply line: a TAB or LF
 * in it must never start a parameter or a line of its own.
 */
final class TabEscape {
    private static final char ESC = '\001';

    private TabEscape() {
    }

    static String escape(String value) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char code = code(c);
            if (code == 0 && b == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (code == 0) {
                b.append(c);
            } else {
                b.append(ESC).append(code);
            }
        }
        return b == null ? value : b.toString();
    }

    static String unescape(String value) {
        int esc = value.indexOf(ESC);
        if (esc < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length()).append(value, 0, esc);
        for (int i = esc; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ESC || i + 1 == value.length()) {
                b.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case '0' -> b.append('\0');
                case '1' -> b.append(ESC);
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'n' -> b.append('\n');
                default -> b.append(next);
            }
        }
        return b.toString();
    }

    /** The letter that follows the escape character for {@code c}, or 0 if {@code c} stays as it is. */
    private static char code(char c) {
        switch (c) {
            case '\0':
                return '0';
            case ESC:
                return '1';
            case '\t':
                return 't';
            case '\r':
                return 'r';
            case '\n':
                return 'n';
            default:
                return 0;
        }
    }
}
