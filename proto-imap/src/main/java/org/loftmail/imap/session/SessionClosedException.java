package org.loftmail.imap.session;

/** The client went away while a command was writing: abandon the command quietly. */
final class SessionClosedException extends RuntimeException {
    SessionClosedException() {
        super("connection closed", null, false, false);
    }
}
