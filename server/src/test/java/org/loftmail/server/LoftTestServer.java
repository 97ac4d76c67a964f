package org.loftmail.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.config.InetListener;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.ServiceSettings;
import org.loftmail.server.tls.SelfSignedCertificate;

/**
 * A running single node for tests, started from a real {@code loft.conf} as {@code loft run}
 * reads it: IMAP (STARTTLS) and IMAPS on 127.0.0.1, a self-signed certificate,
 * a passwd-file with {@link #ALICE} (SHA512-CRYPT) and {@link #BOB} ({PLAIN}), all under one
 * directory. The store API ({@link #user}) sees the same mail as the IMAP clients.
 *
 * <p>The file names Loft's default ports, but every listener is bound to an ephemeral port
 * ({@link #imap()}, {@link #imaps()}), so tests can run side by side. The file cannot say so
 * itself: as in Dovecot, {@code port = 0} disables a listener.
 */
public final class LoftTestServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final User ALICE = new User("alice", "alice-Secret-1");
    public static final User BOB = new User("bob@example.org", "bob's secret 2");

    /** A login name and its password. */
    public record User(String name, String password) {
        public UserId id() {
            return new UserId(name);
        }
    }

    private final SingleNode node;
    private final InetSocketAddress imap;
    private final InetSocketAddress imaps;
    private final Path certificate;

    private LoftTestServer(SingleNode node, InetSocketAddress imap, InetSocketAddress imaps, Path certificate) {
        this.node = node;
        this.imap = imap;
        this.imaps = imaps;
        this.certificate = certificate;
    }

    /** Starts a node with test timeouts (a failed login is answered after 10 ms, not 2 s). */
    public static LoftTestServer start(Path dir) {
        return start(dir, ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofMillis(10)));
    }

    public static LoftTestServer start(Path dir, ImapSettings settings) {
        return start(dir, settings, ALICE.name() + ":" + PasswordScheme.SHA512_CRYPT.hash(ALICE.password()) + "\n"
                + BOB.name() + ":{PLAIN}" + BOB.password() + "\n", "");
    }

    /**
     * A node with the given passwd-file lines and {@code extraConfig} appended to the
     * configuration (e.g. {@code ssl = required}).
     */
    public static LoftTestServer start(Path dir, ImapSettings settings, String passwdFile, String extraConfig) {
        return start(dir, settings, passwdFile, extraConfig, null);
    }

    /** As above with the given failure penalty instead of the configured one (null: configured). */
    public static LoftTestServer start(Path dir, ImapSettings settings, String passwdFile, String extraConfig,
                                       LoginPenalty penalty) {
        Path[] tls = SelfSignedCertificate.ensure(dir.resolve("tls"), "localhost");
        Path passwd = dir.resolve("passwd");
        Path conf = dir.resolve("loft.conf");
        try {
            Files.writeString(passwd, passwdFile);
            Files.writeString(conf, """
                    mail_location = dbox:%s/mail/%%u
                    listen = %s
                    protocols = imap
                    # Tests log in from loopback again and again: no failure penalty here
                    # (LoginPenaltyTest runs its own).
                    login_trusted_networks = 127.0.0.0/8 ::1
                    # Tests open many connections per user from 127.0.0.1.
                    mail_max_userip_connections = 1000
                    ssl = yes
                    ssl_cert = <%s
                    ssl_key = <%s
                    service imap-login {
                      inet_listener imap {
                        port = 1143
                      }
                      inet_listener imaps {
                        port = 1993
                        ssl = yes
                      }
                    }
                    passdb {
                      driver = passwd-file
                      args = %s
                    }
                    """.formatted(dir.toAbsolutePath(), HOST, tls[0].toAbsolutePath(), tls[1].toAbsolutePath(),
                    passwd.toAbsolutePath()) + extraConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> notices = new ArrayList<>();
        LoftConfig config = LoftConfig.load(conf, notices::add);
        if (!notices.isEmpty()) {
            throw new IllegalStateException("the test configuration should need no notices: " + notices);
        }
        SingleNode node = new SingleNode(ephemeralPorts(config));
        try {
            // Listeners bind in the order of the file: imap, then imaps.
            List<InetSocketAddress> bound = penalty == null ? node.start(settings) : node.start(settings, penalty);
            if (bound.size() != 2) {
                throw new IllegalStateException("expected two IMAP listeners, got " + bound);
            }
            return new LoftTestServer(node, bound.get(0), bound.get(1), tls[0]);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static LoftConfig ephemeralPorts(LoftConfig c) {
        ServiceSettings s = c.services();
        List<InetListener> listeners = s.listeners().stream()
                .map(l -> new InetListener(l.service(), l.name(), l.addresses(), 0, l.implicitTls())).toList();
        return new LoftConfig(c.mailLocation(), c.rotateSize(), c.fsync(), c.embedded(),
                s.withListeners(listeners));
    }

    public SingleNode node() {
        return node;
    }

    /** The plain IMAP listener (STARTTLS). */
    public InetSocketAddress imap() {
        return imap;
    }

    /** The implicit-TLS IMAPS listener. */
    /** The POP3 listeners (plain with STLS, then POP3S) when the extra config enabled pop3; empty otherwise. */
    public java.util.List<InetSocketAddress> pop3() {
        return node.pop3Addresses();
    }

    public InetSocketAddress imaps() {
        return imaps;
    }

    /** The self-signed certificate (PEM) the listeners present; clients trust exactly this. */
    public Path certificate() {
        return certificate;
    }

    public UserStore user(User user) {
        return node.store().user(user.id());
    }

    /** The user's mailbox, which must exist. */
    public MailboxInfo mailbox(User user, String name) {
        return user(user).mailbox(MailboxName.of(name))
                .orElseThrow(() -> new AssertionError("no mailbox " + name + " for " + user.name()));
    }

    @Override
    public void close() {
        node.close();
    }
}
