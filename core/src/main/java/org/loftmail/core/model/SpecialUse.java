package org.loftmail.core.model;

/** RFC 6154 special-use attributes a mailbox can carry. */
public enum SpecialUse {
    ALL("\\All"), ARCHIVE("\\Archive"), DRAFTS("\\Drafts"), FLAGGED("\\Flagged"),
    JUNK("\\Junk"), SENT("\\Sent"), TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }
}
