package org.loftmail.perf.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
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
 * do), then {@code QUIT} without deleting. With {@code --rounds} every client downloads the whole
 * maildrop that many times; with {@code --duration} clients log in again and again until the time
 * is up (after an unrecorded {@code --warmup}). Reports messages/s, MB/s and the RETR latency
 * (command sent to the final dot) in HdrHistogram percentiles. The clients run on Netty event
 * loops ({@link LineConnection}), a few threads for any number of connections.
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
    @Option(names = "--duration", converter = DurationOption.class,
            description = "instead of --rounds: download again and again for this long")
    Duration duration;
    @Option(names = "--warmup", converter = DurationOption.class,
            description = "with --duration: unrecorded downloading first (default: 0s)")
    Duration warmup = Duration.ZERO;
    @Option(names = "--out", description = "also write the result as Markdown to this file")
    Path out;

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new Pop3Load()).execute(args));
    }

    /** The last round (or the timed run): {@code latency} is RETR's, in microseconds. */
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
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(target.threads, NioIoHandler.newFactory());
        try {
            InetSocketAddress address = server != null ? server.pop3Address()
                    : new InetSocketAddress(target.host, target.port);
            String summary = "";
            Result last = null;
            if (duration != null) {
                if (!warmup.isZero()) {
                    phase(group, address, who, warmup.toNanos());
                }
                last = phase(group, address, who, duration.toNanos());
                summary = summary("timed " + duration, last);
                log.println(summary);
            } else {
                for (int round = 1; round <= rounds; round++) {
                    last = phase(group, address, who, -1);
                    summary = summary("round " + round, last);
                    log.println(summary);
                }
            }
            if (out != null) {
                Files.writeString(out, "## POP3 download\n\n" + summary + "\n");
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            if (server != null) {
                server.close();
            }
        }
    }

    private String summary(String what, Result r) {
        Histogram h = r.latency();
        return String.format(Locale.ROOT, "%s: %d clients, %d messages, %.1f MB in %.2f s: %.0f messages/s, "
                + "%.1f MB/s; RETR p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d in flight)", what, clients,
                r.messages(), r.bytes() / 1e6, r.seconds(), r.perSecond(), r.bytes() / 1e6 / r.seconds(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, pipeline);
    }

    /**
     * Every client downloads: once ({@code nanos < 0}) or, logging in again each time, for
     * {@code nanos}; only RETRs answered within the time count.
     */
    private Result phase(EventLoopGroup group, InetSocketAddress address, LoadUsers who, long nanos) {
        long start = System.nanoTime();
        Phase phase = new Phase(nanos < 0 ? -1 : start + nanos);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.add(client(group, address, who, c, phase));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new UncheckedIOException(new IOException("pop3 load: " + e.getCause().getMessage(), e.getCause()));
        }
        double seconds = nanos < 0 ? (System.nanoTime() - start) / 1e9 : nanos / 1e9;
        return new Result(phase.count.get(), phase.bytes.get(), seconds, phase.recorder.getIntervalHistogram());
    }

    /** What one phase counts, and when it ends (-1: after one download per client). */
    private static final class Phase {
        final long deadline;
        final Recorder recorder = new Recorder(3);
        final AtomicLong count = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Phase(long deadline) {
            this.deadline = deadline;
        }

        boolean timed() {
            return deadline != -1;
        }

        boolean over() {
            return timed() && System.nanoTime() - deadline >= 0;
        }

        void retrieved(long sentAt, long octets) {
            long now = System.nanoTime();
            if (timed() && now - deadline >= 0) {
                return;
            }
            recorder.recordValue(Math.max(1, (now - sentAt) / 1000));
            count.incrementAndGet();
            bytes.addAndGet(octets);
        }
    }

    private CompletableFuture<Void> client(EventLoopGroup group, InetSocketAddress address, LoadUsers who, int client,
                                           Phase phase) {
        return download(group, address, who, client, phase)
                .thenCompose(v -> phase.timed() && !phase.over()
                        ? client(group, address, who, client, phase) : CompletableFuture.completedFuture(null));
    }

    /** One session: log in, STAT, RETR every message (or until the phase is over), QUIT. */
    private CompletableFuture<Void> download(EventLoopGroup group, InetSocketAddress address, LoadUsers who,
                                             int client, Phase phase) {
        int timeout = (int) Math.max(1, target.timeout.toSeconds());
        return LineConnection.connect(group, address, LineConnection.Kind.LINE, timeout).thenCompose(c -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            c.inLoop(() -> {
                CompletableFuture<LineConnection.Reply> user = c.expect(LineConnection.Kind.LINE);
                CompletableFuture<LineConnection.Reply> pass = c.expect(LineConnection.Kind.LINE);
                CompletableFuture<LineConnection.Reply> stat = c.expect(LineConnection.Kind.LINE);
                c.write("USER " + who.name(client) + "\r\nPASS " + who.password() + "\r\nSTAT\r\n");
                stat.whenComplete((r, e) -> {
                    if (e != null || !user.join().ok() || !pass.join().ok() || !r.ok()) {
                        c.close();
                        done.completeExceptionally(e != null ? e : new IOException("login as " + who.name(client)
                                + " failed: " + user.join().status() + " / " + pass.join().status() + " / " + r.status()));
                        return;
                    }
                    new Download(c, Integer.parseInt(r.status().split(" ")[1]), phase, done).fill();
                });
            });
            return done;
        });
    }

    /** The RETRs of one session, {@link #pipeline} in flight; all on the connection's event loop. */
    private final class Download {
        private final LineConnection c;
        private final int n;
        private final Phase phase;
        private final CompletableFuture<Void> done;
        private int next = 1;
        private int answered;
        private boolean quitting;

        Download(LineConnection c, int n, Phase phase, CompletableFuture<Void> done) {
            this.c = c;
            this.n = n;
            this.phase = phase;
            this.done = done;
        }

        void fill() {
            StringBuilder commands = new StringBuilder();
            while (next <= n && next - 1 - answered < pipeline && !phase.over()) {
                long sentAt = System.nanoTime();
                c.expect(LineConnection.Kind.MULTI).whenComplete((r, e) -> answered(sentAt, r, e));
                commands.append("RETR ").append(next++).append("\r\n");
            }
            if (commands.length() > 0) {
                c.write(commands.toString());
            } else if (answered == next - 1 && !quitting) {
                quitting = true;
                c.expect(LineConnection.Kind.LINE).whenComplete((r, e) -> {
                    // The lock is free once QUIT is answered; the next session logs in again at once.
                    c.close();
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(null);
                    }
                });
                c.write("QUIT\r\n");
            }
        }

        private void answered(long sentAt, LineConnection.Reply r, Throwable e) {
            if (e != null || !r.ok()) {
                c.close();
                done.completeExceptionally(e != null ? e : new IOException("RETR: " + r.status()));
                return;
            }
            answered++;
            phase.retrieved(sentAt, r.octets());
            fill();
        }
    }
}
