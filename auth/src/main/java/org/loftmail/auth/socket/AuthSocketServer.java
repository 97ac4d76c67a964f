package org.loftmail.auth.socket;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.net.UnixSocketFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unix socket speaking one of Dovecot's auth protocols. The auth-client protocol (the
 * constructors): Postfix ({@code smtpd_sasl_type = dovecot}) or Exim connect to it and have SMTP
 * AUTH checked by Loft's {@link Authenticator} (PLAIN, LOGIN) or {@link CredentialLookup}
 * (CRAM-MD5, SCRAM), with the same failure penalty per client address and failure delay as
 * Loft's own logins. The auth-master protocol ({@link #userdb}): user lookups for delivery
 * agents and {@code doveadm user}.
 *
 * <p>A thread per connection: each Postfix smtpd process keeps one long-lived connection, so
 * there are few, and a blocking read loop is the simplest correct reader. Waiting (penalty,
 * failure delay) costs no thread.
 */
public final class AuthSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthSocketServer.class);

    /** Offered by {@link #AuthSocketServer(Path, Authenticator, LoginPenalty, AuthSocketOptions)}. */
    private static final List<String> PLAINTEXT_MECHANISMS = List.of("plain", "login");

    /** One client connection of either protocol. */
    interface Connection extends Runnable {
        void close();
    }

    /** Makes the connection for an accepted channel, once the server's shared services exist. */
    private interface Protocol {
        Connection open(SocketChannel channel, long cuid, AuthServices services, Consumer<Connection> onClose);
    }

    private final Path socket;
    private final String protocolName;
    private final Protocol protocol;
    private final Authenticator authenticator;
    private final CredentialLookup credentials;
    private final List<SaslExchange.Mechanism> mechanisms;
    private final LoginPenalty penalty;
    private final AuthSocketOptions options;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong cuids = new AtomicLong();
    private UnixSocketFile file;
    private AuthServices services;
    private Thread acceptor;
    private volatile boolean closed;

    /** The auth-client protocol with PLAIN and LOGIN. */
    public AuthSocketServer(Path socket, Authenticator authenticator, LoginPenalty penalty, AuthSocketOptions options) {
        this(socket, authenticator, null, PLAINTEXT_MECHANISMS, penalty, options);
    }

    /**
     * The auth-client protocol offering the {@code mechanisms} (Dovecot's {@code auth_mechanisms}
     * names, any case) that the socket can serve: {@code plain}, {@code login}, and with
     * {@code credentials} also {@code cram-md5}, {@code scram-sha-1}, {@code scram-sha-256}.
     * Others (oauthbearer, gssapi, …) are left out of the handshake with a logged notice.
     *
     * @param credentials stored credentials for the challenge-response mechanisms; null offers none of them
     */
    public AuthSocketServer(Path socket, Authenticator authenticator, CredentialLookup credentials,
                            Collection<String> mechanisms, LoginPenalty penalty, AuthSocketOptions options) {
        this(socket, "auth-client", AuthClientConnection::new, Objects.requireNonNull(authenticator, "authenticator"),
                credentials, offered(mechanisms, credentials, socket), Objects.requireNonNull(penalty, "penalty"), options);
    }

    private AuthSocketServer(Path socket, String protocolName, Protocol protocol, Authenticator authenticator,
                             CredentialLookup credentials, List<SaslExchange.Mechanism> mechanisms, LoginPenalty penalty,
                             AuthSocketOptions options) {
        this.socket = socket.toAbsolutePath();
        this.protocolName = protocolName;
        this.protocol = protocol;
        this.authenticator = authenticator;
        this.credentials = credentials;
        this.mechanisms = mechanisms;
        this.penalty = penalty;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Dovecot's auth-master protocol ({@code auth-userdb} socket): {@code USER} lookups answered
     * from {@code userdb}, as LMTP servers and {@code doveadm user -a SOCKET} ask them.
     */
    public static AuthSocketServer userdb(Path socket, Userdb userdb, AuthSocketOptions options) {
        Objects.requireNonNull(userdb, "userdb");
        return new AuthSocketServer(socket, "auth-userdb",
                (ch, cuid, services, onClose) -> new UserdbConnection(ch, cuid, userdb, services, onClose),
                null, null, List.of(), LoginPenalty.NONE, options);
    }

    private static List<SaslExchange.Mechanism> offered(Collection<String> names, CredentialLookup credentials, Path socket) {
        List<SaslExchange.Mechanism> offered = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String name : names) {
            SaslExchange.Mechanism m = SaslExchange.Mechanism.find(name);
            if (m == null || (m.needsCredentials() && credentials == null)) {
                left.add(name.toUpperCase(Locale.ROOT));
            } else if (!offered.contains(m)) {
                offered.add(m);
            }
        }
        if (!left.isEmpty()) {
            LOG.info("auth: {} not offered on {}: the socket serves PLAIN, LOGIN, CRAM-MD5 and SCRAM only", left, socket);
        }
        return List.copyOf(offered);
    }

    /** The socket file's path. */
    public Path socket() {
        return socket;
    }

    /**
     * Creates the socket file (replacing a stale one that nobody listens on), gives it the mode,
     * user and group, and starts accepting.
     *
     * @throws java.io.UncheckedIOException if the socket cannot be created or given its owner
     * @throws IllegalStateException if another process listens there, or the path is not a socket
     */
    public synchronized void start() {
        if (file != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        file = UnixSocketFile.bind(socket, options.mode(), options.user(), options.group(), 64);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> daemon("auth-socket-timer", r));
        // Failure delays and timeouts are mostly cancelled or short; do not let cancelled ones pile up.
        timers.setRemoveOnCancelPolicy(true);
        ExecutorService workers = Executors.newFixedThreadPool(options.workerThreads(), numbered("auth-socket-worker"));
        services = new AuthServices(authenticator, credentials, mechanisms, penalty, options, timers, workers,
                ProcessHandle.current().pid());
        acceptor = daemon("auth-socket-accept", this::acceptLoop);
        acceptor.start();
        LOG.info("auth: {} listening on {} (mode {}{}{})", protocolName, socket, String.format("%04o", options.mode()),
                options.user() == null ? "" : ", user " + options.user(),
                options.group() == null ? "" : ", group " + options.group());
    }

    /** Stops accepting, closes every connection and removes the socket file. */
    @Override
    public void close() {
        AuthServices s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = services;
            if (file != null) {
                file.close();
            }
        }
        for (Connection c : connections) {
            c.close();
        }
        if (s != null) {
            s.timers().shutdownNow();
            s.workers().shutdownNow();
        }
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = file.channel().accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.error("auth: accepting on {} failed", socket, e);
                // Out of file descriptors and the like: do not spin.
                pause();
                continue;
            }
            if (connections.size() >= options.maxConnections()) {
                LOG.warn("auth: {} clients connected already (maxConnections); refusing one more", connections.size());
                closeQuietly(ch);
                continue;
            }
            long cuid = cuids.incrementAndGet();
            Connection c = protocol.open(ch, cuid, services, connections::remove);
            connections.add(c);
            if (closed) {
                c.close();
                return;
            }
            daemon("auth-client-" + cuid, c).start();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("auth: close failed: {}", e.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads: close() ends the server's work, a forgotten server must not keep the JVM up. */
    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static ThreadFactory numbered(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> daemon(prefix + "-" + n.incrementAndGet(), r);
    }
}
