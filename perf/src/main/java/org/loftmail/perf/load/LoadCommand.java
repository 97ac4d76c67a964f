package org.loftmail.perf.load;

/** What the load generator times: one row of the report each. */
enum LoadCommand {
    /** TCP connect, TLS handshake if any, and the greeting. */
    CONNECT("CONNECT"),
    LOGIN("LOGIN"),
    SELECT("SELECT"),
    NOOP("NOOP"),
    /** {@code FETCH 1:* (FLAGS)}. */
    FETCH_FLAGS("FETCH FLAGS"),
    /** {@code FETCH n BODY.PEEK[HEADER]}. */
    FETCH_HEADER("FETCH HEADER"),
    /** {@code FETCH n BODY.PEEK[]}. */
    FETCH_BODY("FETCH BODY"),
    /** {@code STORE n +FLAGS / -FLAGS}. */
    STORE("STORE"),
    APPEND("APPEND"),
    EXPUNGE("EXPUNGE"),
    /** {@code SORT (…) UTF-8 …} (imap-webmail). */
    SORT("SORT"),
    /** {@code THREAD REFERENCES UTF-8 ALL} (imap-webmail). */
    THREAD("THREAD"),
    /** {@code SEARCH} on a header (imap-webmail). */
    SEARCH("SEARCH"),
    /** A page of {@code FETCH a:b (UID FLAGS ENVELOPE RFC822.SIZE)} (imap-webmail). */
    FETCH_ENVELOPE("FETCH ENVELOPE"),
    /** {@code ENABLE QRESYNC} (imap-sync). */
    ENABLE("ENABLE"),
    /** {@code SELECT … (QRESYNC (uidvalidity modseq))}, or the first full sync's SELECT (CONDSTORE). */
    SELECT_QRESYNC("SELECT QRESYNC"),
    /** {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE m)} (imap-sync). */
    FETCH_CHANGED("FETCH CHANGEDSINCE"),
    LOGOUT("LOGOUT");

    private final String label;

    LoadCommand(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** True for IMAP commands, false for CONNECT (not a command, left out of the total). */
    boolean imap() {
        return this != CONNECT;
    }
}
