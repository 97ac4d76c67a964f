package org.loftmail.auth.socket;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;

/**
 * What every connection of one server shares.
 *
 * @param timers  penalty waits, failure delays and request timeouts: a task each, never a sleeping thread
 * @param workers password checks, which may block
 * @param spid    this process, for the handshake's SPID
 */
record AuthServices(Authenticator authenticator, LoginPenalty penalty, AuthSocketOptions options,
                    ScheduledExecutorService timers, ExecutorService workers, long spid) {
}
