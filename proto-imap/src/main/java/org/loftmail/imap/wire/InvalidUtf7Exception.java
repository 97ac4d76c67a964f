package org.loftmail.imap.wire;

/**
 * A mailbox name that is not canonical modified UTF-7. Unchecked because the caller (the
 * command parser) maps it straight to {@code BAD}/{@code NO} and has nothing to recover.
 */
public final class InvalidUtf7Exception extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public InvalidUtf7Exception(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Index into the encoded name where the problem was found. */
    public int offset() {
        return offset;
    }
}
