package org.loftmail.perf.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.loftmail.imap.session.ImapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Thousands of IDLE connections: the server's heap per idling connection, and how long one
 * APPEND per user takes to reach every connection as {@code * n EXISTS}.
 *
 * <p>With {@code --start-server} the server runs in this JVM and the clients in a child JVM
 * ({@link IdleChild}): the server's heap is then measured with nothing of the clients in it, and
 * each process needs one descriptor per connection instead of one holding both ends. Against
 * an external server the clients run here and the messages are APPENDed over IMAP.
 */
@Command(name = "IdleLoad", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Opens many IDLE connections, measures heap per connection and the time to notify them all.")
public final class IdleLoad implements java.util.concurrent.Callable<Integer> {
    @Mixin
    TargetOptions target = new TargetOptions();
    @Option(names = "--connections", description = "IDLE connections (default: ${DEFAULT-VALUE})")
    int connections = 10_000;
    @Option(names = "--users", description = "users <prefix>1..<prefix>N; connection i logs in as user i mod N (default: ${DEFAULT-VALUE})")
    int users = 100;
    @Option(names = "--messages", description = "with --start-server: messages pre-filled per INBOX (default: ${DEFAULT-VALUE})")
    int messages = 20;
    @Option(names = "--open-parallel", description = "connections being opened at once (default: ${DEFAULT-VALUE})")
    int openParallel = 200;
    @Option(names = "--notify-timeout", converter = DurationOption.class,
            description = "how long to wait for every EXISTS (default: 60s)")
    Duration notifyTimeout = Duration.ofSeconds(60);
    @Option(names = "--client-jvm-opts", description = "JVM options of the clients' JVM (default: ${DEFAULT-VALUE})")
    String clientJvmOpts = "-Xmx1g";
    @Option(names = "--out", description = "also write the result as Markdown to this file")
    Path out;
    @Option(names = "--child", hidden = true, description = "run as the clients' JVM of a --start-server parent")
    boolean child;

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new IdleLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (child) {
            return IdleChild.run(this, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    System.out);
        }
        IdleReport report = run(System.out);
        return report.notified().notified() == connections ? 0 : 1;
    }

    /** Runs the measurement and prints it to {@code log}. */
    IdleReport run(PrintStream log) throws IOException, InterruptedException {
        IdleReport report = target.startServer ? withServer(log) : againstExternal(log);
        log.print(report.text());
        if (out != null) {
            Files.writeString(out, "## IMAP IDLE, " + connections + " connections over " + users + " users\n\n```\n"
                    + report.text() + "```\n", StandardCharsets.UTF_8);
        }
        return report;
    }

    private IdleReport withServer(PrintStream log) throws IOException, InterruptedException {
        // This JVM holds the server's end of every connection, plus the users' mail and index files.
        JvmProbe.enoughFiles(connections + 8L * users + 500, "server", log);
        LoadUsers who = target.users(users);
        try (LoadServer server = LoadServer.start(target.dir, who, messages, target.tls, ImapSettings.DEFAULTS, log)) {
            firstLogins(server.address(), who);
            long heap0 = JvmProbe.heapUsedAfterGc();
            long direct0 = JvmProbe.nettyDirectMemory();
            Process p = new ProcessBuilder(childCommand(server.address())).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintStream to = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
                IdleChild.Idling idling = IdleChild.Idling.parse(IdleChild.expect(in, IdleChild.IDLING, log));
                long heap1 = JvmProbe.heapUsedAfterGc();
                long direct1 = JvmProbe.nettyDirectMemory();
                to.println(IdleChild.GO);
                IdleChild.expect(in, IdleChild.ARMED, log);
                long t0 = System.nanoTime();
                server.appendToAll(who, System.currentTimeMillis());
                double appendMillis = (System.nanoTime() - t0) / 1e6;
                to.println(IdleChild.APPENDED);
                IdleClients.Notified notified = IdleChild.notified(IdleChild.expect(in, IdleChild.NOTIFIED, log));
                p.waitFor();
                return new IdleReport(connections, users, idling.opened(), heap1 - heap0, direct1 - direct0,
                        idling.clientHeap(), users, appendMillis, notified, "in-process server, clients in a child "
                        + "JVM; heap = used after System.gc() (full GC) before connecting vs. with all idling, in "
                        + "each JVM separately (users' stores were already open); times from just before the "
                        + "appends were started (the child's clock, one pipe hop to the server JVM) to each "
                        + "EXISTS line decoded by the client");
            } finally {
                p.destroy();
            }
        }
    }

    /**
     * One LOGIN, SELECT, LOGOUT per user before the baseline: what the server keeps per user
     * (the special-use mailboxes made at a first login, open stores) is then not charged to the
     * connections. Also warms up the login path.
     */
    private void firstLogins(InetSocketAddress address, LoadUsers who) {
        try (ImapClientGroup group = target.clientGroup(false)) {
            List<CompletableFuture<ImapReply>> sessions = new ArrayList<>();
            for (int u = 0; u < who.count(); u++) {
                int user = u;
                sessions.add(group.connect(address).thenCompose(c -> c.command(who.login(user))
                        .thenCompose(r -> c.command("SELECT INBOX"))
                        .thenCompose(r -> c.command("LOGOUT"))
                        .whenComplete((r, e) -> c.close())));
            }
            CompletableFuture.allOf(sessions.toArray(new CompletableFuture<?>[0])).join();
        }
    }

    private List<String> childCommand(InetSocketAddress server) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : clientJvmOpts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-DLOFT_LOG_LEVEL=WARN", "-cp", System.getProperty("java.class.path"),
                IdleLoad.class.getName(), "--child",
                "--host", server.getHostString(), "--port", Integer.toString(server.getPort()),
                "--connections", Integer.toString(connections), "--users", Integer.toString(users),
                "--user-prefix", target.userPrefix, "--password", target.password,
                "--open-parallel", Integer.toString(openParallel), "--threads", Integer.toString(target.threads),
                "--timeout", target.timeout.toMillis() + "ms", "--notify-timeout", notifyTimeout.toMillis() + "ms"));
        if (target.tls) {
            cmd.add("--tls");
        }
        return cmd;
    }

    /** Clients here; the messages arrive by APPEND over one more connection per user. */
    private IdleReport againstExternal(PrintStream log) throws InterruptedException {
        JvmProbe.enoughFiles(connections + users + 200L, "clients", log);
        LoadUsers who = target.users(users);
        InetSocketAddress address = new InetSocketAddress(target.host, target.port);
        try (ImapClientGroup group = target.clientGroup(false); IdleClients clients = new IdleClients(group, address, who, connections)) {
            long heap0 = JvmProbe.heapUsedAfterGc();
            IdleClients.Opened opened = clients.open(openParallel);
            long heap1 = JvmProbe.heapUsedAfterGc();
            List<ImapConnection> appenders = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                ImapConnection c = group.connect(address).join();
                ImapReply r = c.command(who.login(u)).join();
                if (!r.ok()) {
                    throw new IllegalStateException("LOGIN " + who.name(u) + ": " + r.condition() + " " + r.text());
                }
                appenders.add(c);
            }
            clients.arm();
            long t0 = System.nanoTime();
            List<CompletableFuture<ImapReply>> appends = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                appends.add(appenders.get(u).command("APPEND INBOX", SampleMessage.of(u, who.name(u), 4096)));
            }
            CompletableFuture.allOf(appends.toArray(new CompletableFuture<?>[0])).join();
            double appendMillis = (System.nanoTime() - t0) / 1e6;
            IdleClients.Notified notified = clients.await(notifyTimeout);
            appenders.forEach(ImapConnection::close);
            return new IdleReport(connections, users, opened, -1, -1, heap1 - heap0, users, appendMillis, notified,
                    "external server, clients in this JVM; client heap = used after System.gc() before vs. after "
                    + "connecting; times from sending the APPENDs (over IMAP, one connection per user) to each "
                    + "EXISTS line decoded");
        }
    }
}
