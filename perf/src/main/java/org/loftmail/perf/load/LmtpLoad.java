package org.loftmail.perf.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.loftmail.imap.session.ImapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * LMTP delivery load: for every combination of {@code --sizes}, {@code --connections} and
 * {@code --recipients}, that many connections deliver in a closed loop for {@code --duration}
 * (each: MAIL, RCPT × n and DATA pipelined, then the message, then n replies). A delivery's
 * latency runs from its MAIL to its last 250, recorded in HdrHistogram; every reply must be 250.
 * The connections run on Netty event loops ({@link LineConnection}).
 */
@Command(name = "LmtpLoad", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delivers messages over LMTP and reports deliveries/s and latency percentiles.")
public final class LmtpLoad implements java.util.concurrent.Callable<Integer> {
    @Mixin
    TargetOptions target = new TargetOptions();
    @Option(names = "--users", description = "recipients are <prefix>1..<prefix>N (default: ${DEFAULT-VALUE})")
    int users = 50;
    @Option(names = "--sizes", split = ",", description = "message sizes in bytes (default: 10240,102400)")
    int[] sizes = {10 * 1024, 100 * 1024};
    @Option(names = "--connections", split = ",", description = "parallel connections (default: 1,32)")
    int[] connections = {1, 32};
    @Option(names = "--recipients", split = ",", description = "recipients per message (default: 1,10)")
    int[] recipients = {1, 10};
    @Option(names = "--duration", converter = DurationOption.class, description = "per combination (default: 10s)")
    Duration duration = Duration.ofSeconds(10);
    @Option(names = "--out", description = "also write the table as Markdown to this file")
    Path out;

    /** One combination's result. */
    record Row(int size, int connections, int recipients, long deliveries, long errors, double seconds, Histogram latency) {
        double perSecond() {
            return deliveries / seconds;
        }
    }

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new LmtpLoad()).execute(args));
    }

    @Override
    public Integer call() {
        List<Row> rows = run(System.out);
        return rows.stream().allMatch(r -> r.deliveries() > 0 && r.errors() == 0) ? 0 : 1;
    }

    List<Row> run(PrintStream log) {
        LoadUsers who = target.users(users);
        LoadServer server = target.startServer
                ? LoadServer.start(target.dir, who, 0, false, ImapSettings.DEFAULTS, log) : null;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(target.threads, NioIoHandler.newFactory());
        try {
            InetSocketAddress address = server != null ? server.lmtpAddress()
                    : new InetSocketAddress(target.host, target.port);
            log.printf("lmtp load against %s:%d, %s per combination%s%n", address.getHostString(), address.getPort(),
                    duration, server != null ? " (in-process server, fsync on)" : "");
            List<Row> rows = new ArrayList<>();
            for (int size : sizes) {
                for (int c : connections) {
                    for (int r : recipients) {
                        Row row = combination(group, address, who, size, c, Math.min(r, users));
                        rows.add(row);
                        log.println(line(row));
                    }
                }
            }
            String md = markdown(rows, server != null);
            if (out != null) {
                try {
                    Files.writeString(out, md);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                log.println("lmtp load: table written to " + out);
            }
            return rows;
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            if (server != null) {
                server.close();
            }
        }
    }

    private Row combination(EventLoopGroup group, InetSocketAddress address, LoadUsers who, int size, int conns,
                            int rcpts) {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int timeout = (int) Math.max(1, target.timeout.toSeconds());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            int conn = i;
            CompletableFuture<Void> finished = new CompletableFuture<>();
            LineConnection.connect(group, address, LineConnection.Kind.SMTP, timeout).whenComplete((c, e) -> {
                if (e != null) {
                    finished.completeExceptionally(e);
                } else {
                    c.inLoop(() -> new Deliveries(c, who, size, rcpts, conn, end, recorder, done, errors, firstError,
                            finished).start());
                }
            });
            all.add(finished.exceptionally(e -> {
                errors.incrementAndGet();
                firstError.compareAndSet(null, e.toString());
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstError.get() != null) {
            System.err.println("lmtp load: first error: " + firstError.get());
        }
        return new Row(size, conns, rcpts, done.get(), errors.get(), seconds, recorder.getIntervalHistogram());
    }

    /**
     * One connection's closed loop, on its event loop: LHLO, then until {@code end} MAIL, RCPT × n
     * and DATA pipelined, the message once all their replies are in, then n replies.
     */
    private static final class Deliveries {
        private final LineConnection c;
        private final LoadUsers who;
        private final int size;
        private final int rcpts;
        private final int conn;
        private final long end;
        private final Recorder recorder;
        private final AtomicLong done;
        private final AtomicLong errors;
        private final AtomicReference<String> firstError;
        private final CompletableFuture<Void> finished;
        private boolean sizeOffered;
        private long n;

        Deliveries(LineConnection c, LoadUsers who, int size, int rcpts, int conn, long end, Recorder recorder,
                   AtomicLong done, AtomicLong errors, AtomicReference<String> firstError,
                   CompletableFuture<Void> finished) {
            this.c = c;
            this.who = who;
            this.size = size;
            this.rcpts = rcpts;
            this.conn = conn;
            this.end = end;
            this.recorder = recorder;
            this.done = done;
            this.errors = errors;
            this.firstError = firstError;
            this.finished = finished;
        }

        void start() {
            c.expect(LineConnection.Kind.SMTP).whenComplete((r, e) -> {
                if (failed(e)) {
                    return;
                }
                // SIZE= only where LHLO offered it (Dovecot's LMTP does not, and refuses the parameter).
                sizeOffered = r.text().lines().anyMatch(l -> l.regionMatches(true, 4, "SIZE", 0, 4));
                next();
            });
            c.write("LHLO load.example\r\n");
        }

        private void next() {
            if (System.nanoTime() - end >= 0) {
                c.expect(LineConnection.Kind.SMTP).whenComplete((r, e) -> {
                    c.close();
                    finished.complete(null);
                });
                c.write("QUIT\r\n");
                return;
            }
            byte[] body = message(conn, n, size);
            StringBuilder envelope = new StringBuilder("MAIL FROM:<load@example.org>")
                    .append(sizeOffered ? " SIZE=" + body.length : "").append("\r\n");
            for (int r = 0; r < rcpts; r++) {
                envelope.append("RCPT TO:<").append(who.name((int) ((conn * 7 + n + r) % who.count()))).append(">\r\n");
            }
            envelope.append("DATA\r\n");
            n++;
            long t0 = System.nanoTime();
            List<CompletableFuture<LineConnection.Reply>> envelopeReplies = new ArrayList<>();
            for (int r = 0; r < rcpts + 2; r++) {
                envelopeReplies.add(c.expect(LineConnection.Kind.SMTP));
            }
            c.write(envelope.toString());
            envelopeReplies.get(rcpts + 1).whenComplete((data, e) -> {
                if (failed(e)) {
                    return;
                }
                boolean envelopeOk = envelopeReplies.stream().allMatch(f -> f.join().ok());
                if (!data.status().startsWith("354")) {
                    // No DATA phase: the server refused the whole transaction.
                    firstError.compareAndSet(null, data.status());
                    errors.incrementAndGet();
                    next();
                    return;
                }
                List<CompletableFuture<LineConnection.Reply>> replies = new ArrayList<>();
                for (int r = 0; r < rcpts; r++) {
                    replies.add(c.expect(LineConnection.Kind.SMTP));
                }
                c.write(body, ".\r\n");
                replies.get(rcpts - 1).whenComplete((last, e2) -> {
                    if (failed(e2)) {
                        return;
                    }
                    recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    boolean ok = envelopeOk;
                    for (CompletableFuture<LineConnection.Reply> f : replies) {
                        if (!f.join().status().startsWith("250")) {
                            ok = false;
                            firstError.compareAndSet(null, f.join().status());
                        }
                    }
                    if (!envelopeOk) {
                        envelopeReplies.stream().map(CompletableFuture::join).filter(x -> !x.ok()).findFirst()
                                .ifPresent(x -> firstError.compareAndSet(null, x.status()));
                    }
                    (ok ? done : errors).incrementAndGet();
                    next();
                });
            });
        }

        private boolean failed(Throwable e) {
            if (e == null) {
                return false;
            }
            c.close();
            finished.completeExceptionally(e);
            return true;
        }
    }

    /** A plain-text message of about {@code size} bytes, no line starting with a dot. */
    static byte[] message(int conn, long n, int size) {
        StringBuilder b = new StringBuilder(size + 100).append("Message-ID: <").append(conn).append('.').append(n)
                .append("@load>\r\nFrom: load@example.org\r\nSubject: load ").append(n).append("\r\n\r\n");
        while (b.length() < size) {
            b.append("The quick brown fox jumps over the lazy dog, message ").append(n).append(".\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%7d B  %2d conn  %2d rcpt: %8.1f deliveries/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms%s",
                r.size(), r.connections(), r.recipients(), r.perSecond(), ms(r.latency(), 50), ms(r.latency(), 99),
                r.latency().getMaxValue() / 1000.0, r.errors() > 0 ? "  ERRORS " + r.errors() : "");
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private String markdown(List<Row> rows, boolean inProcess) {
        StringBuilder b = new StringBuilder("## LMTP deliveries\n\n").append(String.format(Locale.ROOT,
                "%s, %s per row, %d users; Java %s, %d cores. Latency: MAIL to the last 250.%n%n",
                inProcess ? "in-process server, fsync on" : target.host + ":" + target.port, duration, users,
                Runtime.version(), Runtime.getRuntime().availableProcessors()));
        b.append("| size | connections | recipients | deliveries/s | copies/s | p50 ms | p99 ms | max ms | errors |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %d KiB | %d | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %d |%n",
                    r.size() / 1024, r.connections(), r.recipients(), r.perSecond(), r.perSecond() * r.recipients(),
                    ms(r.latency(), 50), ms(r.latency(), 99), r.latency().getMaxValue() / 1000.0, r.errors()));
        }
        return b.toString();
    }
}
