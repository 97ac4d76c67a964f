package org.loftmail.server.e2e;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.loftmail.server.LoftTestServer;

/**
 * A JUnit extension ({@code @RegisterExtension}): a {@link LoftTestServer} per test in a
 * directory of its own, and Angus Mail connections to it, each in its own {@link Session} with
 * its own {@link ProtocolTrace}; a failed test prints every trace. TLS trusts exactly the
 * server's self-signed certificate and checks the host name against it (the certificate has a
 * SAN for 127.0.0.1), as a careful client would.
 */
final class AngusClients implements BeforeEachCallback, AfterEachCallback, TestWatcher {
    /**
     * How Angus logs in. It prefers AUTHENTICATE PLAIN (without an initial response), then
     * AUTHENTICATE LOGIN, then the LOGIN command; each is switched off by its property.
     */
    enum Login {
        AUTHENTICATE_PLAIN(),
        AUTHENTICATE_LOGIN("auth.plain.disable"),
        LOGIN_COMMAND("auth.plain.disable", "auth.login.disable");

        /** What the tests that are not about logging in use: Angus' default. */
        static final Login FOR_OTHER_TESTS = AUTHENTICATE_PLAIN;

        private final String[] disabled;

        Login(String... disabled) {
            this.disabled = disabled;
        }

        void configure(Properties p, String protocol) {
            for (String d : disabled) {
                p.put("mail." + protocol + "." + d, "true");
            }
        }
    }

    private final List<IMAPStore> stores = new ArrayList<>();
    private final List<ProtocolTrace> traces = new ArrayList<>();
    private Path dir;
    private LoftTestServer server;
    private SSLSocketFactory tls;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("loft-e2e");
        server = LoftTestServer.start(dir);
        tls = trusting(server);
    }

    LoftTestServer server() {
        return server;
    }

    /** Logs in over implicit TLS (the imaps listener). */
    IMAPStore imaps(LoftTestServer.User user) throws MessagingException {
        return imaps(user, Login.FOR_OTHER_TESTS);
    }

    IMAPStore imaps(LoftTestServer.User user, Login login) throws MessagingException {
        Properties p = new Properties();
        login.configure(p, "imaps");
        p.put("mail.imaps.ssl.socketFactory", tls);
        p.put("mail.imaps.ssl.checkserveridentity", "true");
        return connect("imaps", p, user, server.imaps().getPort());
    }

    /** Logs in on the plain listener after STARTTLS; the client refuses to go on without TLS. */
    IMAPStore startTls(LoftTestServer.User user) throws MessagingException {
        Properties p = new Properties();
        Login.FOR_OTHER_TESTS.configure(p, "imap");
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.ssl.socketFactory", tls);
        p.put("mail.imap.ssl.checkserveridentity", "true");
        return connect("imap", p, user, server.imap().getPort());
    }

    /** The trace of the most recent connection. */
    synchronized ProtocolTrace lastTrace() {
        return traces.get(traces.size() - 1);
    }

    /** Every connection's exchange, for a failure report. */
    synchronized String traces() {
        StringBuilder sb = new StringBuilder();
        traces.forEach(t -> sb.append(t).append('\n'));
        return sb.toString();
    }

    private synchronized IMAPStore connect(String protocol, Properties p, LoftTestServer.User user, int port)
            throws MessagingException {
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "10000");
        // Test passwords only: the trace shows the AUTHENTICATE exchange too.
        p.put("mail.debug.auth", "true");
        ProtocolTrace trace = new ProtocolTrace(protocol + " " + user.name() + " #" + (traces.size() + 1));
        traces.add(trace);
        Session session = Session.getInstance(p);
        session.setDebugOut(trace.printStream());
        session.setDebug(true);
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        stores.add(store);
        store.connect(LoftTestServer.HOST, port, user.name(), user.password());
        return store;
    }

    private static SSLSocketFactory trusting(LoftTestServer server) {
        try (InputStream pem = Files.newInputStream(server.certificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("loft", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + server.certificate(), e);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws IOException {
        for (IMAPStore s : stores) {
            try {
                s.close();
            } catch (MessagingException e) {
                // The test is over; a connection the server already dropped is not its concern.
            }
        }
        stores.clear();
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println(context.getDisplayName() + " failed; the IMAP exchange:\n" + traces());
    }
}
