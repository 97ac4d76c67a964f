package org.loftmail.pop3.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.model.UserId;

/**
 * The exclusive POP3 lock of each user's maildrop (RFC 1939 section 8, Dovecot's
 * {@code pop3_lock_session}): one POP3 session per user in TRANSACTION at a time. In process,
 * owned by the POP3 server; IMAP and LMTP never take it, so they keep working meanwhile.
 * Thread-safe.
 */
public final class MaildropLocks {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** Takes the lock; false when another session has it. */
    public boolean tryLock(UserId user) {
        return held.add(user.name());
    }

    public void unlock(UserId user) {
        held.remove(user.name());
    }

    /** Users whose maildrop is locked now. */
    public int size() {
        return held.size();
    }
}
