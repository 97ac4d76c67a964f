package org.loftmail.core.auth;

import java.net.InetAddress;

/**
 * Slows down password guessing per client address, as Dovecot's auth penalty does: how long a
 * login attempt from an address must wait before it is checked, learned from that address's
 * failures. Thread-safe and never blocks; the protocol does the waiting on a timer.
 */
public interface LoginPenalty {
    /** No penalty at all (tests, trusted set-ups). */
    LoginPenalty NONE = new LoginPenalty() {
        @Override
        public long delayMillis(InetAddress remote) {
            return 0;
        }

        @Override
        public void failed(InetAddress remote) {
        }

        @Override
        public void succeeded(InetAddress remote) {
        }
    };

    /** How long to wait before checking a login from {@code remote}; 0 for none. */
    long delayMillis(InetAddress remote);

    /** A login from {@code remote} failed. */
    void failed(InetAddress remote);

    /** A login from {@code remote} succeeded. */
    void succeeded(InetAddress remote);
}
