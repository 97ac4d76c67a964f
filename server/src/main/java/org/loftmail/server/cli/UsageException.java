package org.loftmail.server.cli;

/** A command given valid syntax but an argument that cannot work (no such mailbox, file). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
