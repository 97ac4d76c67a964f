package org.loftmail.core.mime;

/**
 * One ENVELOPE address (RFC 3501 section 7.4.2); values are byte strings, null for NIL. A group
 * start has only {@code mailbox} (the group name) and a group end nothing; both are
 * {@code groupMarker}s so SORT can skip them.
 */
record Address(String name, String adl, String mailbox, String host, boolean groupMarker) {
    static final Address GROUP_END = new Address(null, null, null, null, true);

    static Address groupStart(String name) {
        return new Address(null, null, name, null, true);
    }

    /** local@domain, or just the local part when there is no domain. */
    String addrSpec() {
        String local = mailbox == null ? "" : mailbox;
        return host == null ? local : local + "@" + host;
    }
}
