package org.loftmail.core.mime;

/**
 * Renders IMAP strings (RFC 3501 section 4.3) into a byte string: one char per octet, as the
 * summary's wire strings are. A value becomes a quoted string with {@code \} and {@code "}
 * escaped, unless it holds CR, LF, NUL or an 8-bit octet, which quoted strings cannot carry: then
 * a literal {@code {n}\r\n…}. Public so the IMAP writer can render the same way.
 */
public final class ImapStrings {
    private ImapStrings() {
    }

    /** Appends {@code value} as a string, or NIL when it is null. */
    public static StringBuilder nstring(StringBuilder out, String value) {
        return value == null ? out.append("NIL") : string(out, value);
    }

    /** Appends {@code value} (chars 0-255, one per octet) as a quoted string or a literal. */
    public static StringBuilder string(StringBuilder out, String value) {
        if (needsLiteral(value)) {
            return out.append('{').append(value.length()).append("}\r\n").append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"');
    }

    static boolean needsLiteral(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c >= 0x80) {
                return true;
            }
        }
        return false;
    }
}
