package org.loftmail.auth.socket;

/**
 * A client broke the protocol (Dovecot logs these as "BUG: Authentication client ..."): the
 * connection is logged and closed, as Dovecot does, since the two sides no longer agree on what
 * the other is doing.
 */
final class AuthProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthProtocolException(String message) {
        super(message);
    }
}
