package org.loftmail.perf.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.loftmail.imap.session.ImapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * POP3 download: {@code --clients} clients each log in as their own user and {@code RETR} every
 * message of the maildrop (pipelined {@code --pipeline} at a time, as fetchmail and Thunderbird
 * do), then {@code QUIT} without deleting. Reports messages/s, MB/s and the RETR latency
 * (command sent to the final dot) in HdrHistogram percentiles.
 */
@Command(name = "Pop3Load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Downloads whole maildrops over POP3 and reports RETR throughput.")
public final class Pop3Load implements java.util.concurrent.Callable<Integer> {
    @Mixin
    TargetOptions target = new TargetOptions();
    @Option(names = "--clients", description = "concurrent clients, a user each (default: ${DEFAULT-VALUE})")
    int clients = 1;
    @Option(names = "--messages", description = "with --start-server: messages pre-filled per maildrop (default: ${DEFAULT-VALUE})")
    int messages = 10_000;
    @Option(names = "--pipeline", description = "RETR commands in flight per client (default: ${DEFAULT-VALUE})")
    int pipeline = 16;
    @Option(names = "--rounds", description = "downloads of the whole maildrop per client (default: ${DEFAULT-VALUE})")
    int rounds = 3;
    @Option(names = "--out", description = "also write the result as Markdown to this file")
    Path out;

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new Pop3Load()).execute(args));
    }

    /** The last round: {@code latency} is RETR's, in microseconds. */
    record Result(long messages, long bytes, double seconds, Histogram latency) {
        double perSecond() {
            return messages / seconds;
        }
    }

    @Override
    public Integer call() {
        Result r = run(System.out);
        return r != null && r.messages() > 0 ? 0 : 1;
    }

    Result run(PrintStream log) {
        LoadUsers who = target.users(clients);
        LoadServer server = target.startServer
                ? LoadServer.start(target.dir, who, messages, false, ImapSettings.DEFAULTS, log) : null;
        try {
            InetSocketAddress address = server != null ? server.pop3Address()
                    : new InetSocketAddress(target.host, target.port);
            String summary = "";
            Result last = null;
            for (int round = 1; round <= rounds; round++) {
                Recorder recorder = new Recorder(3);
                AtomicLong count = new AtomicLong();
                AtomicLong bytes = new AtomicLong();
                long t0 = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    Thread t = new Thread(() -> {
                        try {
                            download(address, who, client, recorder, count, bytes);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, "pop3-load-" + c);
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Histogram h = recorder.getIntervalHistogram();
                summary = String.format(Locale.ROOT, "round %d: %d clients, %d messages, %.1f MB in %.2f s: %.0f messages/s, "
                        + "%.1f MB/s; RETR p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d in flight)", round, clients,
                        count.get(), bytes.get() / 1e6, seconds, count.get() / seconds, bytes.get() / 1e6 / seconds,
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getMaxValue() / 1000.0, pipeline);
                log.println(summary);
                last = new Result(count.get(), bytes.get(), seconds, h);
            }
            if (out != null) {
                Files.writeString(out, "## POP3 download\n\n" + summary + "\n");
            }
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void download(InetSocketAddress address, LoadUsers who, int client, Recorder recorder, AtomicLong count,
                          AtomicLong bytes) throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000);
            Reader in = new Reader(s.getInputStream());
            OutputStream out = s.getOutputStream();
            expectOk(in);
            out.write(("USER " + who.name(client) + "\r\nPASS " + who.password() + "\r\nSTAT\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            expectOk(in);
            expectOk(in);
            int n = Integer.parseInt(expectOk(in).split(" ")[1]);
            long[] sent = new long[n + 1];
            int next = 1;
            for (int done = 1; done <= n; done++) {
                while (next <= n && next < done + pipeline) {
                    sent[next] = System.nanoTime();
                    out.write(("RETR " + next + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    next++;
                }
                out.flush();
                expectOk(in);
                long size = in.skipMessage();
                recorder.recordValue(Math.max(1, (System.nanoTime() - sent[done]) / 1000));
                count.incrementAndGet();
                bytes.addAndGet(size);
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The lock is free once QUIT is answered; the next round logs in again at once.
            expectOk(in);
        }
    }

    private static String expectOk(Reader in) throws IOException {
        String l = in.line();
        if (!l.startsWith("+OK")) {
            throw new IOException("POP3 server said: " + l);
        }
        return l;
    }

    /** The client's reads, straight from a buffer of its own: the server, not the client, should be what is measured. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;

        Reader(InputStream in) {
            this.in = in;
        }

        private int next() throws IOException {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    throw new IOException("connection closed");
                }
            }
            return buf[pos++];
        }

        /** A line without CRLF, one char per byte. */
        String line() throws IOException {
            StringBuilder b = new StringBuilder(80);
            for (int c = next(); c != '\n'; c = next()) {
                b.append((char) (c & 0xff));
            }
            int len = b.length();
            return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }

        /** Reads a multi-line answer through its final CRLF . CRLF; returns its octets. */
        long skipMessage() throws IOException {
            long size = 0;
            // 0: at a line start, 1: in a line, 2: CR, 3: "." at a line start, 4: ". CR"
            int state = 0;
            while (true) {
                int c = next();
                size++;
                switch (state) {
                    case 0 -> state = c == '.' ? 3 : c == '\r' ? 2 : 1;
                    case 1 -> state = c == '\r' ? 2 : 1;
                    case 2 -> state = c == '\n' ? 0 : c == '\r' ? 2 : 1;
                    case 3 -> state = c == '\r' ? 4 : 1;
                    default -> {
                        if (c == '\n') {
                            return size - 3;
                        }
                        state = 1;
                    }
                }
            }
        }
    }
}
