package org.loftmail.proto.netty;

/** The client went away while a command was writing: abandon the command quietly. */
public final class SessionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SessionClosedException() {
        super("connection closed", null, false, false);
    }
}
