package org.loftmail.core.mime;

import java.util.Locale;

/**
 * The header decoding the summary uses, opened to other packages (IMAP SEARCH reads header fields
 * and part headers itself) so there is one RFC 2047 and one RFC 2045 reader in the code base.
 * Values are byte strings, one char per octet, as {@link MessageSummary} keeps them.
 */
public final class HeaderDecoding {
    private HeaderDecoding() {
    }

    /**
     * A raw, unfolded header value as Unicode text: RFC 2047 encoded-words decoded, raw 8-bit text
     * read as UTF-8 when valid, else ISO-8859-1. Never throws; null gives "".
     */
    public static String decodeText(String raw) {
        return EncodedWords.decode(raw);
    }

    /** The lower-cased leading token of a Content-Type or Content-Transfer-Encoding value, e.g. "text/plain". */
    public static String token(String value) {
        return value == null ? "" : MimeParams.parse(value).token();
    }

    /**
     * A parameter of a Content-Type or Content-Disposition value (name case-insensitive, RFC 2231
     * continuations joined), or null when absent.
     */
    public static String parameter(String value, String name) {
        if (value == null) {
            return null;
        }
        String wanted = name.toUpperCase(Locale.ROOT);
        for (MimeParam p : MimeParams.parse(value).params()) {
            if (p.name().equals(wanted)) {
                return p.value();
            }
        }
        return null;
    }
}
