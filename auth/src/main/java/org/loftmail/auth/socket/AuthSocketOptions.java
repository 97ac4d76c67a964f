package org.loftmail.auth.socket;

import java.time.Duration;
import java.util.Objects;
import org.loftmail.core.net.UnixSocketFile;

/**
 * How an {@link AuthSocketServer} listens: the socket file's permissions as Dovecot's
 * {@code unix_listener { mode user group }} gives them, the {@code auth_failure_delay}, and limits.
 *
 * @param mode           permission bits of the socket file, e.g. {@code 0660}; connecting needs write permission
 * @param user           owner of the socket file, null to keep Loft's own user (changing it needs root)
 * @param group          group of the socket file, null to keep Loft's own group
 * @param failureDelay   how long a failed login waits before its FAIL is sent (Dovecot's auth_failure_delay)
 * @param maxLineLength  longest line a client may send; a longer one closes the connection
 * @param maxConnections clients connected at once; one more is closed at once (each has a thread)
 * @param workerThreads  threads checking passwords, which may block on files or a database
 */
public record AuthSocketOptions(int mode, String user, String group, Duration failureDelay, int maxLineLength,
                                int maxConnections, int workerThreads) {
    /**
     * Dovecot's unix_listener default {@code mode = 0600} with the owner kept (Postfix setups say
     * {@code mode = 0660 user = postfix group = postfix}), its 2 s failure delay, and 8 KiB lines:
     * PLAIN and LOGIN never need more, and Dovecot's protocol 1.1 promised no more.
     */
    public static final AuthSocketOptions DEFAULTS =
            new AuthSocketOptions(0600, null, null, Duration.ofSeconds(2), 8192, 1000, 4);

    public AuthSocketOptions {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be within 0000..0777: " + Integer.toOctalString(mode));
        }
        Objects.requireNonNull(failureDelay, "failureDelay");
        if (failureDelay.isNegative()) {
            throw new IllegalArgumentException("failureDelay must not be negative");
        }
        if (maxLineLength < 256) {
            throw new IllegalArgumentException("maxLineLength must be at least 256");
        }
        if (maxConnections < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("maxConnections and workerThreads must be positive");
        }
    }

    /** Dovecot's {@code mode = 0660}: octal digits, the leading 0 optional. */
    public static int parseMode(String octal) {
        return UnixSocketFile.parseMode(octal);
    }

    public AuthSocketOptions withOwner(String user, String group) {
        return new AuthSocketOptions(mode, user, group, failureDelay, maxLineLength, maxConnections, workerThreads);
    }

    public AuthSocketOptions withMode(int mode) {
        return new AuthSocketOptions(mode, user, group, failureDelay, maxLineLength, maxConnections, workerThreads);
    }

    public AuthSocketOptions withFailureDelay(Duration delay) {
        return new AuthSocketOptions(mode, user, group, delay, maxLineLength, maxConnections, workerThreads);
    }
}
