package org.loftmail.core.auth;

import java.net.InetAddress;

/**
 * One login attempt.
 *
 * @param user     the login name as the client sent it
 * @param password the plaintext password
 * @param service  {@code imap}, {@code pop3}, ... (Dovecot's %s)
 * @param remote   the client's address (Dovecot's %r); null when unknown
 * @param secured  the connection is TLS or loopback
 */
public record AuthRequest(String user, String password, String service, InetAddress remote, boolean secured) {
    @Override
    public String toString() {
        return "AuthRequest[user=" + user + ", service=" + service + ", remote=" + remote + ", secured=" + secured + "]";
    }
}
