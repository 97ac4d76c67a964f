package org.loftmail.imap.parse;

/** STATUS data items (RFC 3501, RFC 9051 DELETED, RFC 8438 SIZE, RFC 7162, RFC 7889). */
public enum StatusItem {
    MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, HIGHESTMODSEQ, APPENDLIMIT;

    static StatusItem of(String atom) {
        for (StatusItem i : values()) {
            if (i.name().equalsIgnoreCase(atom)) {
                return i;
            }
        }
        throw new ParseException("Unknown STATUS item " + atom);
    }
}
