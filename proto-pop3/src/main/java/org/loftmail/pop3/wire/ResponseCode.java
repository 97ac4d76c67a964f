package org.loftmail.pop3.wire;

/** Extended response codes (RFC 2449 section 8, RFC 3206): the bracketed word after {@code -ERR}. */
public enum ResponseCode {
    /** The credentials were refused (RFC 3206); also a refused plaintext login, as Dovecot says it. */
    AUTH("AUTH"),
    /** Retrying later may work: a passdb or the store is down (RFC 3206). */
    SYS_TEMP("SYS/TEMP"),
    /** It will not work without an administrator (RFC 3206). */
    SYS_PERM("SYS/PERM"),
    /** The maildrop is locked by another POP3 session (RFC 2449). */
    IN_USE("IN-USE");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
