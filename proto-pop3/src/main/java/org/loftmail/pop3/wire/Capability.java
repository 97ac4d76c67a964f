package org.loftmail.pop3.wire;

/** CAPA tags (RFC 2449 section 6, RFC 2595, RFC 3206), in the order Dovecot lists them. */
public enum Capability {
    CAPA("CAPA"),
    TOP("TOP"),
    UIDL("UIDL"),
    RESP_CODES("RESP-CODES"),
    PIPELINING("PIPELINING"),
    AUTH_RESP_CODE("AUTH-RESP-CODE"),
    STLS("STLS"),
    USER("USER"),
    /** Followed by the mechanisms. */
    SASL("SASL");

    private final String wire;

    Capability(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
