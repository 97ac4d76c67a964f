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
