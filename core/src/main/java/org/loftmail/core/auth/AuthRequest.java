package org.loftmail.core.auth;

import java.net.InetAddress;

/**
 * One login attempt.
 *
 * @param user     the login name as the client sent it (with a master login, the master user's
 *                 name, or {@code user*master} when the client used the separator)
 * @param password the plaintext password
 * @param service  {@code imap}, {@code pop3}, ... (Dovecot's %s)
 * @param remote   the client's address (Dovecot's %r); null when unknown
 * @param secured  the connection is TLS or loopback
 * @param loginAs  SASL's authorization identity: the user a master user logs in as; empty when
 *                 the client logs in as itself
 */
public record AuthRequest(String user, String password, String service, InetAddress remote, boolean secured,
                          String loginAs) {
    public AuthRequest {
        loginAs = loginAs == null ? "" : loginAs;
    }

    /** A login as the user who authenticates. */
    public AuthRequest(String user, String password, String service, InetAddress remote, boolean secured) {
        this(user, password, service, remote, secured, "");
    }

    /** The same attempt under another login name (a passdb keyed by another form of the name). */
    public AuthRequest withUser(String other) {
        return new AuthRequest(other, password, service, remote, secured, loginAs);
    }

    @Override
    public String toString() {
        return "AuthRequest[user=" + user + (loginAs.isEmpty() ? "" : ", loginAs=" + loginAs) + ", service=" + service
                + ", remote=" + remote + ", secured=" + secured + "]";
    }
}
