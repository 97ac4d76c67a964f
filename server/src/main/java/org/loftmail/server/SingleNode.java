package org.loftmail.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.auth.AuthChain;
import org.loftmail.auth.CachingAuthenticator;
import org.loftmail.auth.Cidr;
import org.loftmail.auth.IpLoginPenalty;
import org.loftmail.auth.socket.AuthSocketOptions;
import org.loftmail.auth.socket.AuthSocketServer;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.StoreOptions;
import org.loftmail.dbox.DboxBlobStore;
import org.loftmail.dbox.DboxOptions;
import org.loftmail.imap.server.ImapServer;
import org.loftmail.imap.session.ImapAuth;
import org.loftmail.imap.session.ImapServices;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.imap.session.RecentTracker;
import org.loftmail.core.auth.UserIpLimit;
import org.loftmail.index.LmdbMailboxIndex;
import org.loftmail.server.config.AuthSettings;
import org.loftmail.server.config.ConfigException;
import org.loftmail.server.config.InetListener;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.TlsSettings;
import org.loftmail.server.config.UnixListener;
import org.loftmail.server.config.DeliverySettings;
import org.loftmail.lmtp.LmtpServer;
import org.loftmail.pop3.server.Pop3Server;
import org.loftmail.pop3.session.Pop3Services;
import org.loftmail.pop3.session.Pop3Settings;
import org.loftmail.server.config.Pop3Config;
import org.loftmail.lmtp.LmtpServices;
import org.loftmail.lmtp.LmtpSettings;
import org.loftmail.core.net.UnixSocketFile;
import org.loftmail.server.tls.SelfSignedCertificate;
import org.loftmail.server.tls.TlsContexts;

/** The single-node assembly: every part built by hand from the configuration. */
public final class SingleNode implements AutoCloseable {
    /**
     * Session work running at once: storage calls block on fsync, so more than the cores, to let
     * concurrent appends share one group commit.
     */
    private static final int WORKERS = 64;

    private final LoftConfig config;
    private final ChangeBus bus = new ChangeBus();
    private final IndexedMailStore store;
    private ForkJoinPool workers;
    private final List<AuthSocketServer> authSockets = new ArrayList<>();
    /** Database pools and other resources the passdbs opened. */
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Path spool;
    private ImapServer imap;
    private LmtpServer lmtp;
    private Pop3Server pop3;
    private final List<InetSocketAddress> pop3Addresses = new ArrayList<>();
    private final List<InetSocketAddress> lmtpAddresses = new ArrayList<>();
    /** The passdbs and userdbs, once started. */
    private AuthChain chain;

    public SingleNode(LoftConfig config) {
        this.config = config;
        this.store = new IndexedMailStore(config.mailLocation()::userDir,
                DboxBlobStore.factory(new DboxOptions(config.rotateSize(), config.fsync())),
                LmdbMailboxIndex.factory(), bus, StoreOptions.DEFAULTS);
    }

    public LoftConfig config() {
        return config;
    }

    public IndexedMailStore store() {
        return store;
    }

    public ChangeBus changes() {
        return bus;
    }

    /**
     * Starts the listeners of the configured protocols; returns where IMAP listens (plain ones
     * first). {@code settings} tunes sessions (tests shorten timeouts).
     */
    public List<InetSocketAddress> start(ImapSettings settings) {
        List<Cidr> trusted = new ArrayList<>();
        for (String net : config.services().auth().trustedNetworks()) {
            try {
                trusted.add(Cidr.parse(net));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("login_trusted_networks: " + e.getMessage());
            }
        }
        return start(settings, new IpLoginPenalty(trusted));
    }

    /** As {@link #start(ImapSettings)} with the given failure penalty (tests use short delays). */
    public List<InetSocketAddress> start(ImapSettings settings, LoginPenalty penalty) {
        List<InetSocketAddress> bound = new ArrayList<>();
        chain = AuthDatabases.chain(config.services(), opened);
        Authenticator auth = chain;
        AuthSettings authSettings = config.services().auth();
        if (authSettings.cacheEntries() > 0) {
            auth = new CachingAuthenticator(auth, authSettings.cacheEntries(), authSettings.cacheTtl().toMillis(),
                    authSettings.cacheNegativeTtl().toMillis(), System::currentTimeMillis);
        }
        startAuthSockets(auth, penalty, authSettings);
        try {
            spool = Files.createTempDirectory("loft-spool");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool directory", e);
        }
        if (config.services().protocols().contains("lmtp")) {
            startLmtp();
        }
        boolean imapOn = config.services().protocols().contains("imap");
        boolean pop3On = config.services().protocols().contains("pop3");
        if (!imapOn && !pop3On) {
            return bound;
        }
        TlsSettings tls = config.services().tls();
        SslContext ssl = tlsContext(tls);
        AtomicInteger n = new AtomicInteger();
        // A bounded pool, so a burst (10,000 IDLE sessions woken by one delivery) queues instead of
        // starting threads; a command waiting for a slow reader is a managed block, for which the
        // pool adds a thread. Idle connections cost no thread.
        workers = new ForkJoinPool(WORKERS, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("loft-session-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
        boolean disablePlaintext = tls.disablePlaintextAuth() || tls.mode() == TlsSettings.Mode.REQUIRED;
        Authenticator tokens = AuthDatabases.tokens(config.services().passdbs());
        if (pop3On) {
            startPop3(auth, tokens, penalty, ssl, settings.authFailureDelay(), disablePlaintext);
        }
        if (!imapOn) {
            return bound;
        }
        ImapSettings effective = settings.withDisablePlaintextAuth(disablePlaintext);
        imap = new ImapServer(new ImapServices(store, bus, new ImapAuth(auth, tokens,
                challengeResponse() ? chain : null,
                penalty, new UserIpLimit(config.services().maxUserIpConnections())), workers, ssl, spool, new RecentTracker()), effective,
                Runtime.getRuntime().availableProcessors());
        try {
            for (InetListener l : config.services().listeners()) {
                if (!l.service().equals("imap-login")) {
                    continue;
                }
                if (l.implicitTls() && ssl == null) {
                    throw new ConfigException("inet_listener " + l.name() + " has ssl = yes, but ssl = no or no ssl_cert");
                }
                for (InetSocketAddress a : addresses(l)) {
                    bound.add(imap.bind(new ImapServer.Listener(a, l.implicitTls())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
        return bound;
    }

    /**
     * POP3 ({@code service pop3-login}): the same passdbs, penalty, TLS and workers as IMAP, its
     * own per-user+address connection count, and the mechanisms {@code auth_mechanisms} names.
     */
    private void startPop3(Authenticator auth, Authenticator tokens, LoginPenalty penalty, SslContext ssl,
                           java.time.Duration failureDelay, boolean disablePlaintext) {
        Pop3Config c = config.services().pop3();
        Pop3Settings settings;
        try {
            settings = Pop3Settings.DEFAULTS.withUidlFormat(c.uidlFormat()).withLockSession(c.lockSession())
                    .withDisablePlaintextAuth(disablePlaintext)
                    .withTimeouts(Pop3Settings.DEFAULTS.loginTimeout(), Pop3Settings.DEFAULTS.idleTimeout(), failureDelay);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pop3_uidl_format: " + e.getMessage());
        }
        pop3 = new Pop3Server(new Pop3Services(store, auth, tokens, chain, config.services().mechanisms(), penalty,
                new UserIpLimit(c.maxUserIp()), workers, ssl), settings, Runtime.getRuntime().availableProcessors());
        try {
            for (InetListener l : config.services().listeners()) {
                if (!l.service().equals("pop3-login")) {
                    continue;
                }
                if (l.implicitTls() && ssl == null) {
                    throw new ConfigException("inet_listener " + l.name() + " has ssl = yes, but ssl = no or no ssl_cert");
                }
                for (InetSocketAddress a : addresses(l)) {
                    pop3Addresses.add(pop3.bind(new Pop3Server.Listener(a, l.implicitTls())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
    }

    /** The POP3 addresses bound, in the order of the file (pop3, then pop3s in the usual config). */
    public List<InetSocketAddress> pop3Addresses() {
        return List.copyOf(pop3Addresses);
    }

    /**
     * CRAM-MD5 and SCRAM are offered only when {@code auth_mechanisms} names one, as in Dovecot:
     * a client picks the strongest mechanism offered and does not fall back, so offering SCRAM to
     * users whose passwords are stored as crypt hashes would lock them out.
     */
    private boolean challengeResponse() {
        for (String m : config.services().mechanisms()) {
            if (m.equals("cram-md5") || m.startsWith("scram-")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The auth service's sockets ({@code service auth { unix_listener … }}): the auth-client
     * socket Postfix and Exim check SMTP AUTH through, with the mechanisms {@code auth_mechanisms}
     * names, and the {@code auth-userdb} socket for user lookups.
     */
    private void startAuthSockets(Authenticator auth, LoginPenalty penalty, AuthSettings settings) {
        for (UnixListener l : settings.sockets()) {
            AuthSocketOptions options = AuthSocketOptions.DEFAULTS.withFailureDelay(settings.failureDelay())
                    .withOwner(l.user(), l.group());
            if (l.mode() != null) {
                try {
                    options = options.withMode(AuthSocketOptions.parseMode(l.mode()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(l.origin(), "mode: " + e.getMessage());
                }
            }
            AuthSocketServer server = l.userdb()
                    ? AuthSocketServer.userdb(l.path(), chain.userdb(), options)
                    : new AuthSocketServer(l.path(), auth, chain, config.services().mechanisms(), penalty, options);
            try {
                // Dovecot creates base_dir; the sockets named relative to it go there.
                Files.createDirectories(l.path().getParent());
                server.start();
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(l.origin(), "cannot listen on " + l.path() + ": " + e.getMessage());
            }
            authSockets.add(server);
        }
    }

    /**
     * LMTP ({@code service lmtp}): its inet listeners and unix sockets, recipients checked
     * against the userdbs, mail saved into the same store IMAP reads (which wakes IDLE).
     */
    private void startLmtp() {
        DeliverySettings d = config.services().delivery();
        LmtpSettings settings = LmtpSettings.DEFAULTS.withRecipientDelimiter(d.recipientDelimiter())
                .withSaveToDetailMailbox(d.saveToDetailMailbox()).withUserConcurrencyLimit(d.userConcurrencyLimit())
                .withAddReceivedHeader(d.addReceivedHeader()).withMaxMessageSize(d.maxMailSize())
                .withMaxConnections(d.maxConnections());
        if (d.hostname() != null) {
            settings = settings.withHostname(d.hostname());
        }
        lmtp = new LmtpServer(new LmtpServices(store, chain.userdb(), spool), settings);
        for (InetListener l : config.services().listeners()) {
            if (!l.service().equals("lmtp")) {
                continue;
            }
            for (InetSocketAddress a : addresses(l)) {
                try {
                    lmtpAddresses.add(lmtp.bind(a));
                } catch (IOException e) {
                    throw new ConfigException("inet_listener " + l.name() + ": cannot listen on " + a + ": " + e.getMessage());
                }
            }
        }
        for (UnixListener l : d.sockets()) {
            try {
                Files.createDirectories(l.path().getParent());
                lmtp.bindUnix(l.path(), l.mode() == null ? 0600 : UnixSocketFile.parseMode(l.mode()), l.user(), l.group());
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(l.origin(), "cannot listen on " + l.path() + ": " + e.getMessage());
            }
        }
    }

    /** The LMTP TCP addresses bound, in the order of the file (ports chosen when the file said 0). */
    public List<InetSocketAddress> lmtpAddresses() {
        return List.copyOf(lmtpAddresses);
    }

    /** Who exists here and with which fields (LMTP asks it for each recipient); null before {@link #start}. */
    public Userdb userdb() {
        return chain == null ? null : chain.userdb();
    }

    /** Session commands running right now (an idle or IDLE-ing connection runs none). */
    public int busyWorkers() {
        return workers == null ? 0 : workers.getActiveThreadCount();
    }

    /** The IMAP listeners, once started. */
    public ImapServer imap() {
        return imap;
    }

    private SslContext tlsContext(TlsSettings tls) {
        if (tls.mode() == TlsSettings.Mode.NO) {
            return null;
        }
        Path cert = tls.cert();
        Path key = tls.key();
        if (config.embedded()) {
            Path[] made = SelfSignedCertificate.ensure(cert.getParent(), "localhost");
            cert = made[0];
            key = made[1];
        }
        if (cert == null) {
            if (tls.mode() == TlsSettings.Mode.REQUIRED) {
                throw new ConfigException("ssl = required needs ssl_cert and ssl_key");
            }
            return null;
        }
        if (!Files.isReadable(cert) || !Files.isReadable(key)) {
            throw new ConfigException("cannot read ssl_cert " + cert + " or ssl_key " + key);
        }
        io.netty.handler.ssl.SslProvider provider = TlsContexts.defaultProvider();
        org.slf4j.LoggerFactory.getLogger(SingleNode.class).info("TLS: {} engine, certificate {}, minimum {}",
                provider == io.netty.handler.ssl.SslProvider.OPENSSL ? "OpenSSL (netty-tcnative BoringSSL)" : "JDK",
                cert, tls.minProtocol());
        return TlsContexts.server(cert, key, tls.minProtocol(), provider);
    }

    /**
     * Dovecot's {@code listen}: {@code *} is every IPv4 address, {@code ::} every IPv6 one.
     * Both together bind only {@code ::}, which on Linux also accepts IPv4 (a second bind of the
     * same port would fail).
     */
    private static List<InetSocketAddress> addresses(InetListener l) {
        List<String> names = new ArrayList<>(l.addresses());
        if (names.contains("*") && names.contains("::")) {
            names.remove("*");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String a : names) {
            String host = a.equals("*") ? "0.0.0.0" : a.startsWith("[") ? a.substring(1, a.length() - 1) : a;
            try {
                out.add(new InetSocketAddress(InetAddress.getByName(host), l.port()));
            } catch (UnknownHostException e) {
                throw new ConfigException("listen address '" + a + "' of " + l.name() + " is not an address");
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (AuthSocketServer s : authSockets) {
            s.close();
        }
        if (lmtp != null) {
            lmtp.close();
        }
        if (imap != null) {
            imap.close();
        }
        if (pop3 != null) {
            // Before the store: sessions cut off here release their locks and set \Seen.
            pop3.close();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                // Work the closed sessions still queued (POP3's \Seen, lock release) ends before the store closes.
                workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SingleNode.class).warn("cannot close {}", c, e);
            }
        }
        if (spool != null) {
            deleteTree(spool);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SingleNode.class).warn("cannot delete spool {}", dir, e);
        }
    }
}
