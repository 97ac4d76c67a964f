package org.loftmail.core.config;

/** Lexical rules of Dovecot's configuration files. */
public final class DovecotSyntax {
    private DovecotSyntax() {
    }

    /**
     * The line without its comment: a {@code #} starts one at the beginning of the line or after
     * whitespace, outside single or double quotes (a backslash escapes inside quotes). The
     * result is not stripped.
     */
    public static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
