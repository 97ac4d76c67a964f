package org.loftmail.imap.wire;

/**
 * LIST name attributes other than special-use (RFC 3501, RFC 5258, RFC 3348, RFC 9051).
 * Special-use ones come from {@link org.loftmail.core.model.SpecialUse}.
 */
public enum MailboxAttribute {
    NOINFERIORS("\\Noinferiors"), NOSELECT("\\Noselect"), MARKED("\\Marked"), UNMARKED("\\Unmarked"),
    NONEXISTENT("\\NonExistent"), SUBSCRIBED("\\Subscribed"), REMOTE("\\Remote"),
    HAS_CHILDREN("\\HasChildren"), HAS_NO_CHILDREN("\\HasNoChildren");

    private final String wireName;

    MailboxAttribute(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
