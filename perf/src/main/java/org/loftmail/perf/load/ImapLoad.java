package org.loftmail.perf.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.loftmail.imap.session.ImapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * IMAP load: {@code --clients} concurrent clients loop the {@link LoadClient} session mix for
 * {@code --duration} or {@code --max-ops} commands, whichever ends first, then a latency table
 * per command is printed (and written as Markdown with {@code --out}).
 */
@Command(name = "ImapLoad", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs IMAP clients looping LOGIN, SELECT, FETCH, STORE, APPEND, EXPUNGE, LOGOUT.")
public final class ImapLoad implements java.util.concurrent.Callable<Integer> {
    @Mixin
    TargetOptions target = new TargetOptions();
    @Option(names = "--users", description = "users <prefix>1..<prefix>N (default: ${DEFAULT-VALUE})")
    int users = 10;
    @Option(names = "--clients", description = "concurrent clients; client i logs in as user i mod N (default: ${DEFAULT-VALUE})")
    int clients = 8;
    @Option(names = "--duration", converter = DurationOption.class, description = "e.g. 30s, 2m (default: 30s)")
    Duration duration = Duration.ofSeconds(30);
    @Option(names = "--max-ops", description = "stop after this many commands (default: ${DEFAULT-VALUE})")
    long maxOps = 10_000_000;
    @Option(names = "--warmup", converter = DurationOption.class,
            description = "run this long before recording (default: 0s); not part of --duration")
    Duration warmup = Duration.ZERO;
    @Option(names = "--messages", description = "with --start-server: messages pre-filled per INBOX (default: ${DEFAULT-VALUE})")
    int messages = 200;
    @Option(names = "--literal-plus", description = "send APPEND's message as {n+} instead of waiting for '+'")
    boolean literalPlus;
    @Option(names = "--expunge-rate", description = "share of sessions that delete a message and EXPUNGE (default: ${DEFAULT-VALUE})")
    double expungeRate = 0.25;
    @Option(names = "--headers", description = "FETCH BODY.PEEK[HEADER] per session (default: ${DEFAULT-VALUE})")
    int headers = 3;
    @Option(names = "--message-size", description = "bytes per APPENDed message (default: ${DEFAULT-VALUE})")
    int messageSize = 4096;
    @Option(names = "--workload", description = "MIXED, WEBMAIL (SORT/THREAD/SEARCH on a large mailbox) or SYNC "
            + "(CONDSTORE/QRESYNC resyncs) (default: ${DEFAULT-VALUE})")
    LoadClient.Workload workload = LoadClient.Workload.MIXED;
    @Option(names = "--mailbox", description = "the mailbox WEBMAIL and SYNC sessions select (default: ${DEFAULT-VALUE})")
    String mailbox = "INBOX";
    @Option(names = "--out", description = "also write the table as Markdown to this file")
    Path out;

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new ImapLoad()).execute(args));
    }

    @Override
    public Integer call() {
        LoadReport report = run(System.out);
        return report.totalCount() > 0 ? 0 : 1;
    }

    /** Runs the load and prints the table to {@code log}; returns the table. */
    LoadReport run(PrintStream log) {
        LoadUsers who = target.users(users);
        LoadServer server = target.startServer
                ? LoadServer.start(target.dir, who, messages, target.tls, ImapSettings.DEFAULTS, log) : null;
        try (ImapClientGroup group = target.clientGroup(literalPlus)) {
            InetSocketAddress address = server != null ? server.address()
                    : new InetSocketAddress(target.host, target.port);
            log.printf("load: %s, %d clients, %d users, %s%s against %s:%d, %s%s%n", workload, clients, users,
                    target.tls ? "IMAPS" : "IMAP", literalPlus ? " (LITERAL+)" : "", address.getHostString(), address.getPort(),
                    warmup.isZero() ? "" : warmup.toMillis() + " ms warm-up + ", duration.toMillis() + " ms");
            CommandStats stats = new CommandStats();
            long start = System.nanoTime();
            LoadBudget budget = new LoadBudget(start + warmup.toNanos() + duration.toNanos(), maxOps);
            LoadClient.Mix mix = new LoadClient.Mix(expungeRate, headers, messageSize, workload, mailbox);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(new LoadClient(i, who, group, address, stats, budget, mix).start());
            }
            long measured = start;
            if (!warmup.isZero()) {
                sleep(warmup);
                stats.reset();
                measured = System.nanoTime();
            }
            waitFor(running, warmup.plus(duration).plus(target.timeout).plusSeconds(10));
            LoadReport report = stats.report((System.nanoTime() - measured) / 1e9);
            log.print(report.text());
            if (out != null) {
                write(out, report);
                log.println("load: table written to " + out);
            }
            return report;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void waitFor(List<CompletableFuture<Void>> running, Duration limit) {
        try {
            CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            long stuck = running.stream().filter(f -> !f.isDone()).count();
            System.err.println("load: " + stuck + " clients still busy after " + limit + "; reporting anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a client failed", e.getCause());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Path file, LoadReport report) {
        String md = "## IMAP load, " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n\n"
                + String.format(Locale.ROOT, "%d clients, %d users, %s, %s%s, %d-byte APPENDs, EXPUNGE in %.0f%% "
                        + "of sessions; Java %s, %d cores.%n%n", clients, users,
                        target.startServer ? "in-process server (fsync on, " + messages + " messages per INBOX at "
                                + "start)" : target.host + ":" + target.port,
                        target.tls ? "IMAPS" : "IMAP", literalPlus ? " with LITERAL+" : "", messageSize,
                        expungeRate * 100,
                        Runtime.version(), Runtime.getRuntime().availableProcessors())
                + report.markdown();
        try {
            Files.writeString(file, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
