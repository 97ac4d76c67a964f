package org.loftmail.imap.wire;

/**
 * Every capability Loft can advertise. {@link #AUTH} and {@link #APPENDLIMIT} carry a value
 * ({@code AUTH=PLAIN}, {@code APPENDLIMIT=35651584}) that {@link CapabilityList} supplies;
 * the rest are fixed atoms. Also the names ENABLE and ENABLED use.
 */
public enum Capability {
    IMAP4REV1("IMAP4rev1"),
    IMAP4REV2("IMAP4rev2"),
    STARTTLS("STARTTLS"),
    LOGINDISABLED("LOGINDISABLED"),
    AUTH("AUTH"),
    SASL_IR("SASL-IR"),
    LITERAL_PLUS("LITERAL+"),
    LITERAL_MINUS("LITERAL-"),
    IDLE("IDLE"),
    NAMESPACE("NAMESPACE"),
    UIDPLUS("UIDPLUS"),
    MOVE("MOVE"),
    UNSELECT("UNSELECT"),
    ENABLE("ENABLE"),
    ID("ID"),
    CHILDREN("CHILDREN"),
    SPECIAL_USE("SPECIAL-USE"),
    LIST_EXTENDED("LIST-EXTENDED"),
    LIST_STATUS("LIST-STATUS"),
    ESEARCH("ESEARCH"),
    BINARY("BINARY"),
    MULTIAPPEND("MULTIAPPEND"),
    STATUS_SIZE("STATUS=SIZE"),
    APPENDLIMIT("APPENDLIMIT"),
    CONDSTORE("CONDSTORE"),
    QRESYNC("QRESYNC"),
    SORT("SORT"),
    SORT_DISPLAY("SORT=DISPLAY"),
    THREAD_REFERENCES("THREAD=REFERENCES"),
    THREAD_ORDEREDSUBJECT("THREAD=ORDEREDSUBJECT"),
    THREAD_REFS("THREAD=REFS"),
    ESORT("ESORT"),
    CONTEXT_SEARCH("CONTEXT=SEARCH"),
    CONTEXT_SORT("CONTEXT=SORT"),
    SEARCHRES("SEARCHRES"),
    WITHIN("WITHIN"),
    COMPRESS_DEFLATE("COMPRESS=DEFLATE"),
    PREVIEW("PREVIEW"),
    SAVEDATE("SAVEDATE"),
    /** RFC 5464, server and mailbox entries (so METADATA-SERVER is not announced). */
    METADATA("METADATA"),
    NOTIFY("NOTIFY"),
    UTF8_ACCEPT("UTF8=ACCEPT");

    private final String wireName;

    Capability(String wireName) {
        this.wireName = wireName;
    }

    /** The name as written on the wire (without any {@code =value}). */
    public String wireName() {
        return wireName;
    }

    /** The capability named {@code name} (case-insensitive, as ENABLE arguments are), or null. */
    public static Capability byWireName(String name) {
        for (Capability c : values()) {
            if (c.wireName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
