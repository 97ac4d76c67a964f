package org.loftmail.imap.parse;

/** One RFC 5256 sort criterion (plus RFC 5957 DISPLAYFROM/DISPLAYTO). */
public record SortCriterion(Key key, boolean reverse) {
    /** What to sort by. */
    public enum Key { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }

    static Key key(String atom) {
        for (Key k : Key.values()) {
            if (k.name().equalsIgnoreCase(atom)) {
                return k;
            }
        }
        throw new ParseException("Unknown sort criterion " + atom);
    }
}
