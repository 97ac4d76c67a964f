package org.loftmail.pop3.session;

/** The client went away while a command was writing: abandon the command quietly. */
final class SessionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SessionClosedException() {
        super("connection closed", null, false, false);
    }
}
