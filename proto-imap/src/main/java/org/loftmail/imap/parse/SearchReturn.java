package org.loftmail.imap.parse;

/** RFC 4731 ESEARCH result options and RFC 5182 SAVE. */
public enum SearchReturn {
    MIN, MAX, ALL, COUNT, SAVE;

    static SearchReturn of(String atom) {
        for (SearchReturn r : values()) {
            if (r.name().equalsIgnoreCase(atom)) {
                return r;
            }
        }
        throw new ParseException("Unknown SEARCH RETURN option " + atom);
    }
}
