package org.loftmail.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import javax.net.ssl.SSLContext;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileAuthenticator;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.auth.UserIpLimit;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StoreOptions;
import org.loftmail.core.store.UserStore;
import org.loftmail.dbox.DboxBlobStore;
import org.loftmail.dbox.DboxOptions;
import org.loftmail.index.LmdbMailboxIndex;
import org.loftmail.pop3.session.Pop3Services;
import org.loftmail.pop3.session.Pop3Settings;

/**
 * A POP3 server over a real store (dbox + LMDB, as {@code SingleNode} builds it) in a test
 * directory, with a passwd-file of {@code alice:{PLAIN}secret} and {@code bob:{PLAIN}hunter2},
 * a plain listener (STLS) and a POP3S listener on 127.0.0.1 ephemeral ports.
 */
final class TestNode implements AutoCloseable {
    static final String ALICE = "alice";
    static final String ALICE_PW = "secret";
    static final String BOB = "bob";
    static final String BOB_PW = "hunter2";
    static final List<String> MECHANISMS = List.of("plain", "login", "cram-md5", "scram-sha-256");
    /** Tests need no real failure delay; the real one is Dovecot's 2 s. */
    static final Pop3Settings SETTINGS = Pop3Settings.DEFAULTS.withTimeouts(Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofMillis(10));

    final Path dir;
    private final Pop3Settings settings;
    private final Authenticator passwords;
    private final Authenticator tokens;
    private final int maxUserIp;
    private final ForkJoinPool workers = new ForkJoinPool(4);
    private final TestCertificate certificate;
    private IndexedMailStore store;
    private Pop3Server server;
    private InetSocketAddress plain;
    private InetSocketAddress pop3s;

    private TestNode(Path dir, Pop3Settings settings, Authenticator passwords, Authenticator tokens, int maxUserIp)
            throws Exception {
        this.dir = dir;
        this.tokens = tokens;
        this.settings = settings;
        this.maxUserIp = maxUserIp;
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, ALICE + ":{PLAIN}" + ALICE_PW + "\n" + BOB + ":{PLAIN}" + BOB_PW + "\n");
        PasswdFileAuthenticator file = new PasswdFileAuthenticator(new PasswdFile(passwd, PasswordScheme.PLAIN));
        this.passwords = passwords != null ? passwords : file;
        this.certificate = TestCertificate.create(dir);
        start(file);
    }

    static TestNode start(Path dir) throws Exception {
        return new TestNode(dir, SETTINGS, null, null, 0);
    }

    static TestNode start(Path dir, Pop3Settings settings) throws Exception {
        return new TestNode(dir, settings, null, null, 0);
    }

    /** With another password check (an unavailable passdb, ...). */
    static TestNode start(Path dir, Authenticator passwords) throws Exception {
        return new TestNode(dir, SETTINGS, passwords, null, 0);
    }

    /** With an oauth2-like token check: OAUTHBEARER and XOAUTH2 are offered. */
    static TestNode startWithTokens(Path dir, Authenticator tokens) throws Exception {
        return new TestNode(dir, SETTINGS, null, tokens, 0);
    }

    static TestNode startWithUserIpLimit(Path dir, int max) throws Exception {
        return new TestNode(dir, SETTINGS, null, null, max);
    }

    private PasswdFileAuthenticator credentials;

    private void start(PasswdFileAuthenticator file) throws Exception {
        credentials = file;
        store = new IndexedMailStore(u -> dir.resolve("mail").resolve(u.name()),
                DboxBlobStore.factory(new DboxOptions(DboxOptions.DEFAULT_ROTATE_SIZE, false)),
                LmdbMailboxIndex.factory(), new ChangeBus(), StoreOptions.DEFAULTS);
        Pop3Services services = new Pop3Services(store, passwords, tokens, file, MECHANISMS, LoginPenalty.NONE,
                new UserIpLimit(maxUserIp), workers, certificate.serverContext());
        server = new Pop3Server(services, settings, 1);
        plain = server.bind(new Pop3Server.Listener(new InetSocketAddress("127.0.0.1", 0), false));
        pop3s = server.bind(new Pop3Server.Listener(new InetSocketAddress("127.0.0.1", 0), true));
    }

    /** Stops the server and closes the store, then opens both again from the same directory. */
    void restart() throws Exception {
        server.close();
        // Sessions end on the workers; the last thing they touch in the store is their lock.
        for (int i = 0; i < 500 && server.lockedMaildrops() > 0; i++) {
            Thread.sleep(10);
        }
        store.close();
        start(credentials);
    }

    Pop3Client connect() throws IOException {
        return Pop3Client.connect(plain);
    }

    /** Connected and past the greeting. */
    Pop3Client greeted() throws IOException {
        Pop3Client c = connect();
        c.line();
        return c;
    }

    /** Logged in as {@code user}. */
    Pop3Client loggedIn(String user, String password) throws IOException {
        Pop3Client c = greeted();
        c.login(user, password);
        return c;
    }

    Pop3Client connectPop3s() throws Exception {
        return Pop3Client.connectTls(pop3s, clientTls());
    }

    SSLContext clientTls() throws Exception {
        return certificate.clientContext();
    }

    Pop3Server server() {
        return server;
    }

    UserStore user(String name) {
        return store.user(new UserId(name));
    }

    MailboxInfo inbox(String name) {
        return user(name).mailbox(MailboxName.INBOX).orElseThrow();
    }

    /** Appends {@code message} to the user's INBOX; returns its UID. */
    long append(String name, String message) {
        return append(name, message.getBytes(StandardCharsets.UTF_8));
    }

    long append(String name, byte[] message) {
        return user(name).append(inbox(name).guid(), MessageContent.of(message), Flags.NONE,
                System.currentTimeMillis()).uid();
    }

    /** UIDs in the user's INBOX now. */
    List<Long> uids(String name) {
        return user(name).messages(inbox(name).guid(), 1, Long.MAX_VALUE).stream().map(m -> m.uid()).toList();
    }

    @Override
    public void close() {
        server.close();
        // Closing the server closed every connection; let the sessions clean up before the store goes.
        workers.shutdown();
        try {
            workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
