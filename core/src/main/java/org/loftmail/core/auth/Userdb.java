package org.loftmail.core.auth;

/**
 * Answers "does this user exist here, and with which settings": Dovecot's userdb. LMTP asks it
 * for every recipient, logins ask it after the password was checked, and the auth-userdb socket
 * hands its answers to outside tools. Thread-safe; may block (file or database I/O), so protocols
 * call it off their event loops.
 */
public interface Userdb {
    /**
     * The user's fields ({@code home}, {@code mail}, {@code uid}, {@code gid}, {@code quota_rule}, …).
     *
     * @param user    the name as the client or MTA gave it
     * @param service {@code lmtp}, {@code imap}, {@code pop3}, … (Dovecot's {@code %s})
     */
    UserdbResult lookup(String user, String service);
}
