package org.loftmail.auth.socket;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.LoginPenalty;

/**
 * What every connection of one server shares.
 *
 * @param authenticator checks passwords (PLAIN, LOGIN); null on a userdb socket
 * @param credentials   stored credentials for CRAM-MD5 and SCRAM; null when those are not offered
 * @param mechanisms    offered in the handshake, in this order
 * @param timers        penalty waits, failure delays and request timeouts: a task each, never a sleeping thread
 * @param workers       password checks, which may block
 * @param spid          this process, for the handshake's SPID
 */
record AuthServices(Authenticator authenticator, CredentialLookup credentials, List<SaslExchange.Mechanism> mechanisms,
                    LoginPenalty penalty, AuthSocketOptions options, ScheduledExecutorService timers,
                    ExecutorService workers, long spid) {
}
