package org.loftmail.perf.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.tls.SelfSignedCertificate;

/**
 * {@code --start-server}: a {@link SingleNode} in a temporary directory, configured the way an
 * operator would (a {@code loft.conf} and a passwd-file, fsync on), with every load user's INBOX
 * pre-filled through the store API. Closing it stops the node and deletes the directory.
 */
final class LoadServer implements AutoCloseable {
    private final Path dir;
    private final SingleNode node;
    private final InetSocketAddress address;

    private LoadServer(Path dir, SingleNode node, InetSocketAddress address) {
        this.dir = dir;
        this.node = node;
        this.address = address;
    }

    static LoadServer start(Path base, LoadUsers users, int messagesPerUser, boolean tls, ImapSettings settings,
                            PrintStream log) {
        Path dir = prepare(base, users, tls);
        SingleNode node = null;
        boolean started = false;
        try {
            node = new SingleNode(LoftConfig.load(dir.resolve("loft.conf"), log::println));
            long t0 = System.nanoTime();
            prefill(node, users, messagesPerUser);
            log.printf("server: %d users × %d messages pre-filled in %.1f s (fsync on), in %s%n", users.count(),
                    messagesPerUser, (System.nanoTime() - t0) / 1e9, dir);
            List<InetSocketAddress> bound = node.start(settings);
            if (bound.isEmpty()) {
                throw new IllegalStateException("the node started no IMAP listener");
            }
            started = true;
            return new LoadServer(dir, node, bound.get(0));
        } finally {
            if (!started) {
                if (node != null) {
                    node.close();
                }
                delete(dir);
            }
        }
    }

    /** A fresh directory with {@code loft.conf} and the passwd-file. */
    private static Path prepare(Path base, LoadUsers users, boolean tls) {
        try {
            Files.createDirectories(base);
            Path dir = Files.createTempDirectory(base.toAbsolutePath(), "loft-load-");
            StringBuilder passwd = new StringBuilder();
            for (int i = 0; i < users.count(); i++) {
                passwd.append(users.name(i)).append(":{PLAIN}").append(users.password()).append('\n');
            }
            Files.writeString(dir.resolve("passwd"), passwd);
            Files.writeString(dir.resolve("loft.conf"), config(dir, tls), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the server directory", e);
        }
    }

    private static String config(Path dir, boolean tls) throws IOException {
        // port = 0 switches a listener off in Dovecot's syntax: ask the kernel for a free port.
        int port = freePort();
        int lmtpPort = freePort();
        int pop3Port = freePort();
        StringBuilder c = new StringBuilder();
        c.append("mail_location = dbox:").append(dir.resolve("mail")).append("/%u\n");
        c.append("mail_fsync = always\n");
        c.append("listen = 127.0.0.1\n");
        c.append("protocols = imap pop3 lmtp\n");
        c.append("service pop3-login {\n  inet_listener pop3 {\n    port = " + pop3Port + "\n  }\n}\n");
        // Loads log in from 127.0.0.1 over and over: no failure penalty, no POP3 userip limit.
        c.append("login_trusted_networks = 127.0.0.0/8\nprotocol pop3 {\n  mail_max_userip_connections = 0\n}\n");
        c.append("service lmtp {\n  inet_listener lmtp {\n    port = " + lmtpPort + "\n  }\n}\n");
        // Every load client comes from 127.0.0.1: no per user+address connection limit.
        c.append("mail_max_userip_connections = 0\n");
        if (tls) {
            Path[] cert = SelfSignedCertificate.ensure(dir.resolve("tls"), "localhost");
            c.append("ssl = yes\nssl_cert = <").append(cert[0]).append("\nssl_key = <").append(cert[1]).append('\n');
            c.append("service imap-login {\n  inet_listener imaps {\n    port = " + port + "\n    ssl = yes\n  }\n}\n");
        } else {
            c.append("ssl = no\n");
            c.append("service imap-login {\n  inet_listener imap {\n    port = " + port + "\n  }\n}\n");
        }
        c.append("passdb {\n  driver = passwd-file\n  args = ").append(dir.resolve("passwd")).append("\n}\n");
        return c.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Pipelined per user so the appends share fsyncs (group commit), all users at once. */
    private static void prefill(SingleNode node, LoadUsers users, int messagesPerUser) {
        List<CompletableFuture<?>> saves = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int u = 0; u < users.count(); u++) {
            UserId user = users.id(u);
            MailboxGuid inbox = node.store().user(user).mailbox(MailboxName.INBOX).orElseThrow().guid();
            for (int m = 0; m < messagesPerUser; m++) {
                byte[] bytes = SampleMessage.of(m, user.name(), 1024 + (m % 8) * 1024);
                saves.add(node.store().appendAsync(user, inbox, MessageContent.of(bytes), Flags.NONE, now));
            }
        }
        CompletableFuture.allOf(saves.toArray(new CompletableFuture<?>[0])).join();
    }

    SingleNode node() {
        return node;
    }

    InetSocketAddress address() {
        return address;
    }

    /** The node's POP3 listener (plaintext, loopback). */
    InetSocketAddress pop3Address() {
        return node.pop3Addresses().get(0);
    }

    /** The node's LMTP listener. */
    InetSocketAddress lmtpAddress() {
        return node.lmtpAddresses().get(0);
    }

    /** Saves one message into the INBOX of every user, at once; returns when all are durable. */
    void appendToAll(LoadUsers users, long n) {
        List<CompletableFuture<?>> saves = new ArrayList<>();
        for (int u = 0; u < users.count(); u++) {
            UserId user = users.id(u);
            MailboxGuid inbox = node.store().user(user).mailbox(MailboxName.INBOX).orElseThrow().guid();
            saves.add(node.store().appendAsync(user, inbox,
                    MessageContent.of(SampleMessage.of(n, user.name(), 4096)), Flags.NONE, System.currentTimeMillis()));
        }
        CompletableFuture.allOf(saves.toArray(new CompletableFuture<?>[0])).join();
    }

    @Override
    public void close() {
        node.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
