package org.loftmail.perf.proto;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.FlagUpdate;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.perf.store.WebmailMailbox;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.LoftConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SORT, THREAD, SEARCH and QRESYNC SELECT on a {@link WebmailMailbox} of {@code messages}
 * messages, warm, measured as a client sees them: one IMAP connection over loopback to a running
 * node, command sent, whole answer read. The mailbox is built once into
 * {@code loft.perf.webmail.dir} (default {@code target/webmail-<messages>}) and reused; each
 * trial makes 1,000 flag changes first, which the QRESYNC SELECT then reports.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class SortThreadBenchmark {
    private static final UserId USER = new UserId("big");
    private static final int CHANGES = 1000;

    @Param("100000")
    public int messages;

    private Path dir;
    private SingleNode node;
    private Client client;
    private long uidValidity;
    private long beforeChanges;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Path.of(System.getProperty("loft.perf.webmail.dir", "target/webmail-" + messages)).toAbsolutePath();
        buildOnce();
        node = new SingleNode(LoftConfig.load(config(false), System.out::println));
        List<InetSocketAddress> bound = node.start(ImapSettings.DEFAULTS);
        UserStore user = node.store().user(USER);
        MailboxGuid inbox = user.mailbox(MailboxName.INBOX).orElseThrow().guid();
        uidValidity = user.mailbox(MailboxName.INBOX).orElseThrow().uidValidity();
        beforeChanges = user.status(inbox).highestModSeq();
        // The same 1,000 messages every trial, each keyword toggled: every change is real (a new
        // modseq), and the mailbox does not collect keywords from run to run, which would make
        // SELECT slower each time the fixture is reused.
        SplittableRandom r = new SplittableRandom(42);
        long maxUid = user.status(inbox).uidNext() - 1;
        for (int i = 0; i < CHANGES; i++) {
            long uid = 1 + r.nextLong(maxUid);
            String keyword = "$Bench" + r.nextInt(4);
            boolean has = user.message(inbox, uid).map(m -> m.flags().keywords().contains(keyword)).orElse(true);
            user.store(inbox, List.of(uid), new FlagUpdate(has ? FlagUpdate.Mode.REMOVE : FlagUpdate.Mode.ADD,
                    Flags.of(0, keyword)));
        }
        client = new Client(bound.get(0));
        client.command("LOGIN big pw");
        client.command("ENABLE QRESYNC");
        String select = client.command("SELECT INBOX");
        if (!select.contains("* " + messages + " EXISTS")) {
            throw new IllegalStateException("benchmark mailbox does not hold " + messages + " messages:\n" + select);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        // What the node keeps with the mailbox selected (its view, caches), after a full GC.
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("%nheap in use with the mailbox selected: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        client.close();
        node.close();
    }

    @Benchmark
    public int sortDate() {
        return client.command("SORT (DATE) UTF-8 ALL").length();
    }

    @Benchmark
    public int sortSubject() {
        return client.command("SORT (SUBJECT) UTF-8 ALL").length();
    }

    @Benchmark
    public int sortFrom() {
        return client.command("SORT (FROM) UTF-8 ALL").length();
    }

    @Benchmark
    public int sortReverseDateCount() {
        return client.command("SORT RETURN (COUNT MIN) (REVERSE DATE) UTF-8 ALL").length();
    }

    @Benchmark
    public int threadReferences() {
        return client.command("THREAD REFERENCES UTF-8 ALL").length();
    }

    private static final String DELIVERED = "Subject: Re: bench\r\nMessage-ID: <delivered@bench>\r\n"
            + "In-Reply-To: <1@webmail.example>\r\n\r\nhi\r\n";

    /**
     * A new message, then the command, then the message expunged again: what a client sees
     * after mail arrives, when the node's kept sort orders and THREAD answers no longer fit
     * (the thread keys are extended with the new message's).
     */
    private int afterDelivery(String command) {
        String appended = client.command("APPEND INBOX (\\Deleted) {" + DELIVERED.length() + "+}\r\n" + DELIVERED);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("APPENDUID \\d+ (\\d+)").matcher(appended);
        if (!m.find()) {
            throw new IllegalStateException("no APPENDUID: " + appended);
        }
        int n = client.command(command).length();
        client.command("UID EXPUNGE " + m.group(1));
        return n;
    }

    @Benchmark
    public int sortDateAfterDelivery() {
        return afterDelivery("SORT (DATE) UTF-8 ALL");
    }

    @Benchmark
    public int threadReferencesAfterDelivery() {
        return afterDelivery("THREAD REFERENCES UTF-8 ALL");
    }

    @Benchmark
    public int threadOrderedSubject() {
        return client.command("THREAD ORDEREDSUBJECT UTF-8 ALL").length();
    }

    @Benchmark
    public int searchUnseenSince() {
        return client.command("SEARCH UNSEEN SINCE 15-Feb-2021").length();
    }

    @Benchmark
    public int searchSubject() {
        return client.command("SEARCH SUBJECT \"budget\"").length();
    }

    @Benchmark
    public int select() {
        return client.command("SELECT INBOX").length();
    }

    /** A client that last synchronised before the trial's 1,000 flag changes. */
    @Benchmark
    public int qresyncSelect() {
        return client.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + beforeChanges + "))").length();
    }

    private void buildOnce() throws IOException {
        Path done = dir.resolve("built");
        if (Files.exists(done)) {
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("passwd"), "big:{PLAIN}pw\n");
        long t0 = System.nanoTime();
        try (SingleNode fill = new SingleNode(LoftConfig.load(config(true), System.out::println))) {
            UserStore user = fill.store().user(USER);
            MailboxGuid inbox = user.mailbox(MailboxName.INBOX)
                    .orElseGet(() -> user.create(MailboxName.INBOX, java.util.Set.of())).guid();
            Deque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
            for (int i = 0; i < messages; i++) {
                Flags flags = i % 3 == 0 ? Flags.NONE : i % 17 == 0 ? Flags.of(Flags.SEEN | Flags.FLAGGED)
                        : Flags.of(Flags.SEEN);
                inFlight.add(fill.store().appendAsync(USER, inbox, WebmailMailbox.message(i), flags,
                        WebmailMailbox.arrival(i)));
                if (inFlight.size() >= 2048) {
                    inFlight.poll().join();
                }
            }
            inFlight.forEach(CompletableFuture::join);
        }
        System.out.printf("built %d webmail messages in %.0f s%n", messages, (System.nanoTime() - t0) / 1e9);
        Files.writeString(done, String.valueOf(messages));
    }

    /** loft.conf for the fixture: its own IMAP port each time, fsync off only while building. */
    private Path config(boolean building) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, "mail_location = dbox:" + dir.resolve("mail") + "/%u\n"
                + "mail_fsync = " + (building ? "never" : "optimized") + "\nlisten = 127.0.0.1\nprotocols = imap\n"
                + "ssl = no\nservice imap-login {\n  inet_listener imap {\n    port = " + port + "\n  }\n}\n"
                + "passdb {\n  driver = passwd-file\n  args = " + dir.resolve("passwd") + "\n}\n");
        return conf;
    }

    /** One blocking IMAP connection: a command, then everything up to its tagged answer. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int tag;

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
            line();
        }

        String command(String command) {
            try {
                String t = "b" + (++tag);
                out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                StringBuilder all = new StringBuilder();
                while (true) {
                    String l = line();
                    all.append(l).append('\n');
                    if (l.startsWith(t + " ")) {
                        if (!l.startsWith(t + " OK")) {
                            throw new IllegalStateException(command + " failed: " + l);
                        }
                        return all.toString();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(128);
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.write(c);
                }
            }
            if (c < 0) {
                throw new IOException("connection closed");
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
