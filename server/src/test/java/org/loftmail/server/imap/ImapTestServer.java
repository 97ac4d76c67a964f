package org.loftmail.server.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.InetListener;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.ServiceSettings;
import org.loftmail.server.tls.SelfSignedCertificate;
import org.loftmail.imap.session.ImapSettings;

/**
 * A real single node for IMAP tests: dbox + LMDB under a temp dir, a self-signed certificate,
 * a passwd-file with {@code alice} and {@code bob} (password {@code pw}), one plain (STARTTLS)
 * and one IMAPS listener on ephemeral loopback ports. Built from a {@code loft.conf} text, so
 * the configuration path is the one users take.
 */
final class ImapTestServer implements AutoCloseable {
    static final String PASSWORD = "pw";

    final SingleNode node;
    final InetSocketAddress plain;
    final InetSocketAddress imaps;
    final Path dir;

    ImapTestServer(Path dir) {
        this(dir, "", ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMillis(200)));
    }

    /** {@code extraConfig} is appended to the configuration (e.g. {@code ssl = required}). */
    ImapTestServer(Path dir, String extraConfig, ImapSettings settings) {
        this.dir = dir;
        try {
            Path[] tls = SelfSignedCertificate.ensure(dir.resolve("tls"), "localhost");
            Files.writeString(dir.resolve("passwd"), "alice:{PLAIN}" + PASSWORD + "\nbob:{PLAIN}" + PASSWORD + "\n");
            Path conf = dir.resolve("loft.conf");
            Files.writeString(conf, "mail_location = dbox:" + dir.resolve("mail") + "/%u\n"
                    + "listen = 127.0.0.1\nprotocols = imap\nssl = yes\n"
                    + "ssl_cert = <" + tls[0] + "\nssl_key = <" + tls[1] + "\n"
                    + "service imap-login {\n inet_listener imap {\n  port = 1\n }\n"
                    + " inet_listener imaps {\n  port = 1\n  ssl = yes\n }\n}\n"
                    + "passdb {\n driver = passwd-file\n args = " + dir.resolve("passwd") + "\n}\n" + extraConfig);
            LoftConfig c = LoftConfig.load(conf, s -> { });
            // Port 0 means "disabled" in Dovecot's syntax, so the file says 1 and the test asks
            // the OS for free ports here.
            List<InetListener> ephemeral = new ArrayList<>();
            for (InetListener l : c.services().listeners()) {
                ephemeral.add(new InetListener(l.service(), l.name(), l.addresses(), 0, l.implicitTls()));
            }
            LoftConfig config = new LoftConfig(c.mailLocation(), c.rotateSize(), c.fsync(), false,
                    new ServiceSettings(c.services().protocols(), ephemeral, c.services().tls(), c.services().passdbs()));
            node = new SingleNode(config);
            List<InetSocketAddress> bound = node.start(settings);
            plain = bound.get(0);
            imaps = bound.get(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Transcript connect() {
        return Transcript.imaps(imaps);
    }

    /** A connection that has logged in as {@code user}. */
    Transcript login(String user) {
        Transcript t = connect();
        t.expectLine("* OK [CAPABILITY <*>] Loft ready.");
        t.send("L1 LOGIN " + user + " " + PASSWORD);
        t.expectLine("L1 OK [CAPABILITY <*>] Logged in");
        return t;
    }

    @Override
    public void close() {
        node.close();
    }
}
