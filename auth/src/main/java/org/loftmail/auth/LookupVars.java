package org.loftmail.auth;

import java.net.InetAddress;
import org.loftmail.core.auth.AuthRequest;

/**
 * The values Dovecot's variables take in one lookup. Unknown values are empty strings, as in
 * Dovecot (a userdb lookup has no remote address).
 *
 * @param user     {@code %u}, the name as the client sent it
 * @param service  {@code %s}: imap, pop3, lmtp...
 * @param remoteIp {@code %r}
 * @param localIp  {@code %l}
 */
public record LookupVars(String user, String service, String remoteIp, String localIp) {
    public LookupVars {
        service = service == null ? "" : service;
        remoteIp = remoteIp == null ? "" : remoteIp;
        localIp = localIp == null ? "" : localIp;
    }

    /** The variables of a login (the request carries no local address yet: {@code %l} is empty). */
    public static LookupVars of(AuthRequest request) {
        InetAddress remote = request.remote();
        return new LookupVars(request.user(), request.service(), remote == null ? "" : remote.getHostAddress(), "");
    }

    /** The variables of a userdb lookup or an iteration, where only the user is known. */
    public static LookupVars forUser(String user) {
        return new LookupVars(user, "", "", "");
    }

    /** The same lookup for another name (a renamed user, the user a master logs in as). */
    public LookupVars withUser(String other) {
        return new LookupVars(other, service, remoteIp, localIp);
    }

    /** {@code %n}: the part before the first {@code @}, the whole name when there is none. */
    public String username() {
        int at = user.indexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    /** {@code %d}: the part after the first {@code @}, empty when there is none. */
    public String domain() {
        int at = user.indexOf('@');
        return at < 0 ? "" : user.substring(at + 1);
    }
}
