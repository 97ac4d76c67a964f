package org.loftmail.perf.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * One blocking thread per connection: an MTA's LMTP client is exactly that, and 32 threads cost
 * nothing next to the fsyncs being measured.
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
        try {
            InetSocketAddress address = server != null ? server.lmtpAddress()
                    : new InetSocketAddress(target.host, target.port);
            log.printf("lmtp load against %s:%d, %s per combination%s%n", address.getHostString(), address.getPort(),
                    duration, server != null ? " (in-process server, fsync on)" : "");
            List<Row> rows = new ArrayList<>();
            for (int size : sizes) {
                for (int c : connections) {
                    for (int r : recipients) {
                        Row row = combination(address, who, size, c, Math.min(r, users));
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
            if (server != null) {
                server.close();
            }
        }
    }

    private Row combination(InetSocketAddress address, LoadUsers who, int size, int conns, int rcpts) {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            int conn = i;
            Thread t = new Thread(() -> {
                try {
                    deliverUntil(address, who, size, rcpts, conn, end, recorder, done, errors, firstError);
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
            }, "lmtp-load-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstError.get() != null) {
            System.err.println("lmtp load: first error: " + firstError.get());
        }
        return new Row(size, conns, rcpts, done.get(), errors.get(), seconds, recorder.getIntervalHistogram());
    }

    private static void deliverUntil(InetSocketAddress address, LoadUsers who, int size, int rcpts, int conn, long end,
                                     Recorder recorder, AtomicLong done, AtomicLong errors,
                                     AtomicReference<String> firstError) throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write("LHLO load.example\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String l;
            boolean sizeOffered = false;
            do {
                l = in.readLine();
                sizeOffered |= l != null && l.regionMatches(true, 4, "SIZE", 0, 4);
            } while (l != null && l.startsWith("250-"));
            for (long n = 0; System.nanoTime() < end; n++) {
                byte[] body = message(conn, n, size);
                // SIZE= only where LHLO offered it (Dovecot's LMTP does not, and refuses the parameter).
                StringBuilder envelope = new StringBuilder("MAIL FROM:<load@example.org>")
                        .append(sizeOffered ? " SIZE=" + body.length : "").append("\r\n");
                for (int r = 0; r < rcpts; r++) {
                    envelope.append("RCPT TO:<").append(who.name((int) ((conn * 7 + n + r) % who.count()))).append(">\r\n");
                }
                envelope.append("DATA\r\n");
                long t0 = System.nanoTime();
                out.write(envelope.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                boolean ok = true;
                for (int r = 0; r < rcpts + 2; r++) {
                    String reply = in.readLine();
                    ok &= reply != null && (reply.startsWith("250 ") || reply.startsWith("354 "));
                    if (reply == null) {
                        throw new IOException("server closed the connection");
                    }
                    if (!ok) {
                        firstError.compareAndSet(null, reply);
                    }
                }
                out.write(body);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int r = 0; r < rcpts; r++) {
                    String reply = in.readLine();
                    if (reply == null) {
                        throw new IOException("server closed the connection");
                    }
                    if (!reply.startsWith("250 ")) {
                        ok = false;
                        firstError.compareAndSet(null, reply);
                    }
                }
                recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                if (ok) {
                    done.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
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
