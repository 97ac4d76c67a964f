package org.loftmail.imap.parse;

/**
 * RFC 4731 ESEARCH result options, RFC 5182 SAVE and RFC 5267 CONTEXT, UPDATE and PARTIAL
 * (whose range the command carries).
 */
public enum SearchReturn {
    MIN, MAX, ALL, COUNT, SAVE, CONTEXT, UPDATE, PARTIAL;

    static SearchReturn of(String atom) {
        for (SearchReturn r : values()) {
            if (r.name().equalsIgnoreCase(atom)) {
                return r;
            }
        }
        throw new ParseException("Unknown SEARCH RETURN option " + atom);
    }
}
