package org.loftmail.perf.load;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.loftmail.perf.store.WebmailMailbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loft against Dovecot on this machine, in one run: both get the same users, the same mail
 * (imported from one generated mbox, mdbox/dbox with fsync on), loopback ports, and the same
 * load profiles, run in alternation (Loft, Dovecot, Loft, Dovecot, …) so drift hits both alike.
 * Dovecot is set up the way providers run it for speed: login processes in high-performance mode
 * ({@code service_count = 0}, {@code process_min_avail} = cores) and imap/pop3 processes reused.
 * Only the processes this tool starts are stopped. Writes {@code report.md} and PNG charts.
 */
@Command(name = "CompareDovecot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the same load profiles against Loft and Dovecot and writes a report.")
public final class CompareDovecot implements Callable<Integer> {
    @Option(names = "--loft", description = "the loft launcher (default: bin/loft)")
    Path loft = Path.of("bin/loft");
    @Option(names = "--dir", description = "where the servers' temporary directory goes (default: ${DEFAULT-VALUE})")
    Path base = Path.of("/tmp");
    @Option(names = "--out", description = "report directory (default: perf/results/<date>)")
    Path out;
    @Option(names = "--users", description = "users on both servers (default: ${DEFAULT-VALUE})")
    int users = 20;
    @Option(names = "--messages", description = "messages imported into every INBOX (default: ${DEFAULT-VALUE})")
    int messages = 500;
    @Option(names = "--repeats", description = "runs of every profile on each server (default: ${DEFAULT-VALUE})")
    int repeats = 3;
    @Option(names = "--duration", converter = DurationOption.class, description = "per timed run (default: 15s)")
    Duration duration = Duration.ofSeconds(15);
    @Option(names = "--clients", description = "imap-mixed clients (default: ${DEFAULT-VALUE})")
    int clients = 16;
    @Option(names = "--idle-connections", description = "idle profile connections (default: ${DEFAULT-VALUE})")
    int idleConnections = 1000;
    @Option(names = "--profiles", split = ",", description = "imap-mixed, imap-webmail, imap-sync, pop3, lmtp, "
            + "idle (default: all)")
    List<String> profiles = List.of("pop3", "lmtp", "idle", "imap-mixed", "imap-webmail", "imap-sync");
    @Option(names = "--big-users", description = "users that also get the large mailbox \"Lists\" the imap-webmail "
            + "profile reads (default: ${DEFAULT-VALUE})")
    int bigUsers = 2;
    @Option(names = "--big-messages", description = "messages in each large mailbox (default: ${DEFAULT-VALUE})")
    int bigMessages = 20_000;
    @Option(names = "--webmail-clients", description = "imap-webmail clients, spread over the big users "
            + "(default: ${DEFAULT-VALUE})")
    int webmailClients = 4;
    @Option(names = "--jfr", description = "record Loft with Java Flight Recorder and list its hottest methods")
    boolean jfr;
    @Option(names = "--flame", description = "profile Loft with async-profiler (CPU) during its last run of every "
            + "profile: a flame graph and the hottest frames per profile in the report")
    boolean flame;
    @Option(names = "--warmup-runs", description = "unrecorded passes of every profile on both servers first, so "
            + "Loft's JIT has compiled its hot paths (default: ${DEFAULT-VALUE})")
    int warmupRuns = 1;

    /**
     * One run's numbers: {@code value} in the profile's unit, higher is better unless
     * {@code lowerIsBetter}; {@code latency} in microseconds, or null where the tool reports only
     * {@code summary} (IDLE: p50, p99, max in milliseconds).
     */
    record Run(String server, String profile, double value, Histogram latency, double[] summary,
               List<LoadReport.Row> commands) {
        Run(String server, String profile, double value, Histogram latency) {
            this(server, profile, value, latency, null, null);
        }

        Run(String server, String profile, double value, Histogram latency, double[] summary) {
            this(server, profile, value, latency, summary, null);
        }

        /** An IMAP load's run, with its per-command rows for the report. */
        static Run imap(String server, String profile, LoadReport r) {
            return new Run(server, profile, r.totalCount() / r.seconds(), r.imapLatency(), null, r.rows());
        }
    }

    /** A profile: how it is run, what its number means. */
    private interface Profile {
        String name();

        String unit();

        /** For IDLE the number is a delay: lower is better. */
        default boolean lowerIsBetter() {
            return false;
        }

        Run run(Target t) throws Exception;
    }

    public static void main(String[] args) {
        LoadLogging.quietServer();
        System.exit(new CommandLine(new CompareDovecot()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory(base, "loft-vs-dovecot-");
        // Dovecot's auth and mail processes (users dovecot, nobody) must reach the passwd-file and mail.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path report = out != null ? out : Path.of("perf/results", LocalDate.now().toString());
        Files.createDirectories(report);
        PrintStream log = System.out;
        LoadUsers who = new LoadUsers("loaduser", users, "loadpass");
        Path mbox = writeMbox(dir.resolve("mail.mbox"));
        Path lists = writeListsMbox(dir.resolve("Lists"));
        Path passwd = dir.resolve("passwd");
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < users; i++) {
            pw.append(who.name(i)).append(":{PLAIN}").append(who.password()).append('\n');
        }
        Files.writeString(passwd, pw);
        List<Target> targets = List.of(new LoftTarget(dir.resolve("loft"), passwd), new DovecotTarget(dir.resolve("dovecot"), passwd));
        List<Run> runs = new ArrayList<>();
        Map<String, Path> flames = new LinkedHashMap<>();
        try {
            for (Target t : targets) {
                long t0 = System.nanoTime();
                t.setUp(who, mbox, lists);
                for (int u = 0; u < Math.min(bigUsers, users); u++) {
                    long n = messagesIn(t.imap(), who.name(u), who.password(), "Lists");
                    if (n != bigMessages) {
                        throw new IllegalStateException(t.name() + ": " + who.name(u) + "'s Lists holds " + n
                                + " messages after the import, not " + bigMessages);
                    }
                }
                log.printf("%s: %d users × %d messages (and %d × %d in Lists) imported and started in %.1f s%n",
                        t.name(), users, messages, Math.min(bigUsers, users), bigMessages, (System.nanoTime() - t0) / 1e9);
            }
            Map<String, Profile> all = profiles(who);
            Duration timed = duration;
            duration = Duration.ofSeconds(Math.min(5, timed.toSeconds()));
            for (int w = 0; w < warmupRuns; w++) {
                for (String p : profiles) {
                    for (Target t : targets) {
                        all.get(p).run(t);
                    }
                }
                log.println("warm-up pass " + (w + 1) + " done");
            }
            duration = timed;
            for (int r = 1; r <= repeats; r++) {
                for (String p : profiles) {
                    Profile profile = all.get(p);
                    if (profile == null) {
                        throw new IllegalArgumentException("unknown profile " + p + "; known: " + all.keySet());
                    }
                    for (Target t : targets) {
                        boolean profiled = flame && r == repeats && t instanceof LoftTarget;
                        if (profiled) {
                            ((LoftTarget) t).profileStart();
                        }
                        Run run = profile.run(t);
                        if (profiled) {
                            flames.put(p, ((LoftTarget) t).profileStop(p));
                        }
                        runs.add(run);
                        log.printf(Locale.ROOT, "repeat %d %-10s %-7s %12.1f %s%n", r, p, t.name(), run.value(),
                                profile.unit());
                    }
                }
            }
        } finally {
            for (Target t : targets) {
                t.stop();
            }
        }
        String hot = jfr ? "\n## Loft's hottest methods (JFR CPU samples over the whole comparison)\n\n"
                + ((LoftTarget) targets.get(0)).hotMethods() : "";
        double minutes = (System.nanoTime() - started) / 60e9;
        String flameSection = flames(report, flames);
        write(report, runs, all(), hot + flameSection, minutes);
        log.printf("report: %s (%.1f min in all)%n", report.resolve("report.md"), minutes);
        return 0;
    }

    private Map<String, Profile> all() {
        return profiles(new LoadUsers("loaduser", users, "loadpass"));
    }

    private Map<String, Profile> profiles(LoadUsers who) {
        Map<String, Profile> m = new LinkedHashMap<>();
        m.put("imap-mixed", new Profile() {
            public String name() {
                return "imap-mixed";
            }

            public String unit() {
                return "IMAP commands/s";
            }

            public Run run(Target t) {
                ImapLoad load = new ImapLoad();
                load.target.host = "127.0.0.1";
                load.target.port = t.imap();
                load.users = who.count();
                load.clients = clients;
                load.duration = duration;
                load.warmup = Duration.ofSeconds(3);
                LoadReport r = load.run(quiet());
                return Run.imap(t.name(), name(), r);
            }
        });
        m.put("imap-webmail", new Profile() {
            public String name() {
                return "imap-webmail";
            }

            public String unit() {
                return "IMAP commands/s";
            }

            public Run run(Target t) {
                ImapLoad load = new ImapLoad();
                load.target.host = "127.0.0.1";
                load.target.port = t.imap();
                load.users = Math.min(bigUsers, who.count());
                load.clients = webmailClients;
                load.duration = duration;
                load.warmup = Duration.ofSeconds(3);
                load.workload = LoadClient.Workload.WEBMAIL;
                load.mailbox = "Lists";
                LoadReport r = load.run(quiet());
                return Run.imap(t.name(), name(), r);
            }
        });
        m.put("imap-sync", new Profile() {
            public String name() {
                return "imap-sync";
            }

            public String unit() {
                return "IMAP commands/s";
            }

            public Run run(Target t) {
                ImapLoad load = new ImapLoad();
                load.target.host = "127.0.0.1";
                load.target.port = t.imap();
                load.users = who.count();
                load.clients = clients;
                load.duration = duration;
                load.warmup = Duration.ofSeconds(3);
                load.workload = LoadClient.Workload.SYNC;
                LoadReport r = load.run(quiet());
                return Run.imap(t.name(), name(), r);
            }
        });
        m.put("pop3", new Profile() {
            public String name() {
                return "pop3";
            }

            public String unit() {
                return "RETR/s";
            }

            public Run run(Target t) {
                Pop3Load load = new Pop3Load();
                load.target.host = "127.0.0.1";
                load.target.port = t.pop3();
                load.clients = Math.min(4, who.count());
                // Timed like the other profiles: a pass or two over 500 messages is over before
                // the JIT has compiled Loft's RETR path.
                load.duration = duration.dividedBy(2);
                load.warmup = Duration.ofSeconds(3);
                Pop3Load.Result r = load.run(quiet());
                return new Run(t.name(), name(), r.perSecond(), r.latency());
            }
        });
        m.put("lmtp", new Profile() {
            public String name() {
                return "lmtp";
            }

            public String unit() {
                return "deliveries/s (10 KiB, 16 connections, 1 recipient)";
            }

            public Run run(Target t) {
                LmtpLoad load = new LmtpLoad();
                load.target.host = "127.0.0.1";
                load.target.port = t.lmtp();
                load.users = who.count();
                load.sizes = new int[] {10 * 1024};
                load.connections = new int[] {16};
                load.recipients = new int[] {1};
                load.duration = duration.dividedBy(2);
                LmtpLoad.Row r = load.run(quiet()).get(0);
                return new Run(t.name(), name(), r.perSecond(), r.latency());
            }
        });
        m.put("idle", new Profile() {
            public String name() {
                return "idle";
            }

            public String unit() {
                return "ms p99 from APPEND to every IDLE client's EXISTS (" + idleConnections + " connections)";
            }

            public boolean lowerIsBetter() {
                return true;
            }

            public Run run(Target t) throws Exception {
                IdleLoad load = new IdleLoad();
                load.target.host = "127.0.0.1";
                load.target.port = t.imap();
                load.users = who.count();
                load.connections = idleConnections;
                IdleReport r = load.run(quiet());
                if (r.notified().notified() < idleConnections) {
                    throw new IllegalStateException(t.name() + ": only " + r.notified().notified() + " of "
                            + idleConnections + " IDLE connections were notified");
                }
                return new Run(t.name(), name(), r.notified().p99() / 1000.0, null, new double[] {
                    r.notified().p50() / 1000.0, r.notified().p99() / 1000.0, r.notified().max() / 1000.0});
            }
        });
        return m;
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The mbox both servers import: {@code --messages} messages of 1 to 8 KiB, as the load tools pre-fill. */
    private Path writeMbox(Path file) throws IOException {
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (int m = 0; m < messages; m++) {
                o.write("From loader@example.org Mon Dec  7 00:00:00 2026\n".getBytes(StandardCharsets.US_ASCII));
                String text = new String(SampleMessage.of(m, "loaduser", 1024 + (m % 8) * 1024), StandardCharsets.UTF_8)
                        .replace("\r\n", "\n").replace("\nFrom ", "\n>From ");
                o.write(text.getBytes(StandardCharsets.UTF_8));
                o.write(text.endsWith("\n") ? "\n".getBytes(StandardCharsets.US_ASCII) : "\n\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return file;
    }

    /** STATUS mailbox (MESSAGES) over a plain IMAP connection: checks that an import arrived whole. */
    private static long messagesIn(int port, String user, String password, String mailbox) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write(("a LOGIN " + user + " " + password + "\r\nb STATUS \"" + mailbox + "\" (MESSAGES)\r\nc LOGOUT\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long n = -1;
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("c ")) {
                int at = line.indexOf("(MESSAGES ");
                if (line.startsWith("* STATUS") && at > 0) {
                    n = Long.parseLong(line.substring(at + "(MESSAGES ".length(), line.indexOf(')', at)).trim());
                }
            }
            return n;
        }
    }

    /** The large mailbox: {@link WebmailMailbox} messages with their arrival times on the From_ lines. */
    private Path writeListsMbox(Path file) throws IOException {
        java.time.format.DateTimeFormatter asctime = java.time.format.DateTimeFormatter
                .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (int m = 0; m < bigMessages; m++) {
                o.write(("From lists@example.org " + asctime.format(java.time.Instant.ofEpochMilli(
                        WebmailMailbox.arrival(m))) + "\n").getBytes(StandardCharsets.US_ASCII));
                byte[] raw;
                try (java.io.InputStream in = WebmailMailbox.message(m).openStream()) {
                    raw = in.readAllBytes();
                }
                String text = new String(raw, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\nFrom ", "\n>From ");
                o.write(text.getBytes(StandardCharsets.UTF_8));
                o.write(text.endsWith("\n") ? "\n".getBytes(StandardCharsets.US_ASCII) : "\n\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return file;
    }

    // ---------------------------------------------------------------------------------------- servers

    /** A server under test: its own directory, loopback ports, a process this tool owns. */
    private abstract static class Target {
        final Path dir;
        final Path passwd;
        final int imap = freePort();
        final int pop3 = freePort();
        final int lmtp = freePort();
        Process process;

        Target(Path dir, Path passwd) {
            this.dir = dir;
            this.passwd = passwd;
        }

        abstract String name();

        /**
         * Writes the configuration, imports {@code mbox} into every user's INBOX and {@code lists}
         * into the big users' "Lists", and starts the server.
         */
        abstract void setUp(LoadUsers who, Path mbox, Path lists) throws Exception;

        abstract List<String> command();

        int imap() {
            return imap;
        }

        int pop3() {
            return pop3;
        }

        int lmtp() {
            return lmtp;
        }

        void start() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            environment(pb.environment());
            process = pb.start();
            for (int port : new int[] {imap, pop3, lmtp}) {
                await(port);
            }
        }

        void environment(Map<String, String> env) {
        }

        private void await(int port) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name() + " exited: " + Files.readString(dir.resolve("server.log")));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException(name() + " does not listen on " + port);
        }

        /** SIGTERM to the process this tool started (Dovecot's master takes its children along), then SIGKILL. */
        void stop() throws InterruptedException {
            if (process == null) {
                return;
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private final class LoftTarget extends Target {
        LoftTarget(Path dir, Path passwd) {
            super(dir, passwd);
        }

        String name() {
            return "Loft";
        }

        void setUp(LoadUsers who, Path mbox, Path lists) throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("loft.conf"), """
                    mail_location = dbox:%1$s/mail/%%u
                    mail_fsync = always
                    listen = 127.0.0.1
                    protocols = imap pop3 lmtp
                    ssl = no
                    mail_max_userip_connections = 0
                    login_trusted_networks = 127.0.0.0/8
                    service imap-login {
                      inet_listener imap {
                        port = %2$d
                      }
                    }
                    service pop3-login {
                      inet_listener pop3 {
                        port = %3$d
                      }
                    }
                    service lmtp {
                      inet_listener lmtp {
                        port = %4$d
                      }
                    }
                    passdb {
                      driver = passwd-file
                      args = %5$s
                    }
                    """.formatted(dir, imap, pop3, lmtp, passwd));
            for (int u = 0; u < who.count(); u++) {
                exec(dir.resolve("import-" + u + ".log"), loft.toString(), "admin", "import-mbox", "--config",
                        dir.resolve("loft.conf").toString(), "--user", who.name(u), mbox.toString());
                if (u < bigUsers) {
                    exec(dir.resolve("import-lists-" + u + ".log"), loft.toString(), "admin", "import-mbox", "--config",
                            dir.resolve("loft.conf").toString(), "--user", who.name(u), "--mailbox", "Lists",
                            lists.toString());
                }
            }
            // Loft imports with the server stopped: one process owns a user's files at a time.
            start();
        }

        List<String> command() {
            return List.of(loft.toString(), "run", "--config", dir.resolve("loft.conf").toString());
        }

        @Override
        void environment(Map<String, String> env) {
            String opts = "-Xmx2g";
            if (jfr) {
                opts += " -XX:StartFlightRecording=filename=" + dir.resolve("loft.jfr") + ",settings=profile";
            }
            env.put("LOFT_JAVA_OPTS", opts);
        }

        private Path profilerLib;

        /** Attaches async-profiler (from the perf module's dependencies) to the running Loft JVM. */
        void profileStart() throws Exception {
            if (profilerLib == null) {
                profilerLib = extractProfiler(dir);
            }
            attach("start,event=cpu,interval=1ms");
        }

        /** Stops profiling; returns the collapsed stacks of what ran since {@link #profileStart()}. */
        Path profileStop(String profile) throws Exception {
            Path file = dir.resolve("flame-" + profile + ".collapsed");
            attach("stop,file=" + file + ",collapsed");
            return file;
        }

        private void attach(String options) throws Exception {
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(
                    String.valueOf(process.pid()));
            try {
                vm.loadAgentPath(profilerLib.toString(), options);
            } finally {
                vm.detach();
            }
        }

        /** The top frames of Loft's CPU samples, from the recording written at exit. */
        String hotMethods() throws Exception {
            Path rec = dir.resolve("loft.jfr");
            if (!Files.exists(rec)) {
                return "(no recording)";
            }
            Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
            Path text = dir.resolve("samples.txt");
            exec(text, jfrTool.toString(), "print", "--events", "jdk.ExecutionSample", rec.toString());
            Map<String, Integer> top = new java.util.HashMap<>();
            int samples = 0;
            boolean frame = false;
            for (String line : Files.readAllLines(text)) {
                String l = line.trim();
                if (l.startsWith("stackTrace = [")) {
                    frame = true;
                    samples++;
                } else if (frame && !l.isEmpty()) {
                    top.merge(l.replaceAll("\\s+line:.*", ""), 1, Integer::sum);
                    frame = false;
                }
            }
            int total = samples;
            StringBuilder b = new StringBuilder("| share of CPU samples | method (top frame) |\n|---:|---|\n");
            top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> b.append(String.format(Locale.ROOT, "| %.1f %% | `%s` |%n", 100.0 * e.getValue() / total,
                            e.getKey())));
            return b.append("\n").append(total).append(" samples.\n").toString();
        }
    }

    private final class DovecotTarget extends Target {
        DovecotTarget(Path dir, Path passwd) {
            super(dir, passwd);
        }

        String name() {
            return "Dovecot";
        }

        void setUp(LoadUsers who, Path mbox, Path lists) throws Exception {
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("state"));
            Path mail = Files.createDirectories(dir.resolve("mail"));
            UserPrincipalLookupService names = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(mail, names.lookupPrincipalByName("nobody"));
            int cores = Runtime.getRuntime().availableProcessors();
            Files.writeString(dir.resolve("dovecot.conf"), """
                    base_dir = %1$s/run
                    state_dir = %1$s/state
                    instance_name = loft-compare
                    listen = 127.0.0.1
                    protocols = imap pop3 lmtp
                    ssl = no
                    disable_plaintext_auth = no
                    log_path = %1$s/dovecot.log
                    mail_location = mdbox:%1$s/mail/%%u
                    mail_fsync = always
                    auth_mechanisms = plain login
                    mail_max_userip_connections = 0
                    login_trusted_networks = 127.0.0.0/8
                    passdb {
                      driver = passwd-file
                      args = scheme=PLAIN %2$s
                    }
                    userdb {
                      driver = static
                      args = uid=nobody gid=nogroup home=%1$s/mail/%%u
                    }
                    default_process_limit = 4000
                    default_client_limit = 4000
                    service auth {
                      client_limit = 30000
                    }
                    # High-performance mode: long-lived login processes, one per core, and
                    # imap/pop3 processes reused instead of started per connection.
                    service imap-login {
                      inet_listener imap {
                        port = %3$d
                      }
                      inet_listener imaps {
                        port = 0
                      }
                      service_count = 0
                      process_min_avail = %6$d
                      client_limit = 4000
                    }
                    service pop3-login {
                      inet_listener pop3 {
                        port = %4$d
                      }
                      inet_listener pop3s {
                        port = 0
                      }
                      service_count = 0
                      process_min_avail = %6$d
                    }
                    service imap {
                      service_count = 0
                      process_min_avail = %6$d
                    }
                    service pop3 {
                      service_count = 0
                    }
                    service lmtp {
                      unix_listener lmtp {
                        mode = 0600
                      }
                      inet_listener lmtp {
                        address = 127.0.0.1
                        port = %5$d
                      }
                      service_count = 0
                      process_min_avail = %6$d
                    }
                    """.formatted(dir, passwd, imap, pop3, lmtp, cores));
            // doveadm import asks the running Dovecot's auth for the user.
            start();
            for (int u = 0; u < who.count(); u++) {
                Path src = Files.createDirectories(dir.resolve("import/" + who.name(u)));
                Files.copy(mbox, src.resolve("inbox"));
                if (u < bigUsers) {
                    // mbox:<dir> makes each file a mailbox: the big users get "Lists" in the same import.
                    Files.copy(lists, src.resolve("Lists"));
                }
                exec(dir.resolve("chown.log"), "chown", "-R", "nobody:nogroup", dir.resolve("import").toString());
                exec(dir.resolve("import-" + u + ".log"), "doveadm", "-c", dir.resolve("dovecot.conf").toString(),
                        "import", "-u", who.name(u), "mbox:" + src + ":INBOX=" + src.resolve("inbox"), "", "all");

            }
        }

        List<String> command() {
            return List.of("dovecot", "-F", "-c", dir.resolve("dovecot.conf").toString());
        }

        String version() {
            try {
                Process p = new ProcessBuilder("dovecot", "--version").redirectErrorStream(true).start();
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return "?";
            }
        }
    }

    private static void exec(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** async-profiler's native library for this machine, copied out of its jar on the class path. */
    private static Path extractProfiler(Path dir) throws IOException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
        String entry = arch + "/libasyncProfiler.so";
        try (java.io.InputStream in = one.profiler.AsyncProfiler.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("no " + entry + " in the async-profiler jar");
            }
            Path lib = dir.resolve("libasyncProfiler.so");
            Files.copy(in, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return lib;
        }
    }

    /** The report's flame graphs: a PNG and the hottest frames for each profiled profile. */
    private static String flames(Path report, Map<String, Path> flames) throws IOException {
        if (flames.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n## Where Loft's CPU goes (async-profiler, last repeat of each profile)\n\n"
                + "CPU samples every millisecond of CPU time, all of Loft's threads, Java and native frames and the "
                + "kernel (`_[k]`). Width is the share of samples; the root is at the bottom.\n");
        for (Map.Entry<String, Path> e : flames.entrySet()) {
            if (!Files.exists(e.getValue())) {
                b.append("\n### ").append(e.getKey()).append("\n\n(no samples written)\n");
                continue;
            }
            FlameGraph g = FlameGraph.read(e.getValue());
            String png = "flame-" + e.getKey() + ".png";
            g.png(report.resolve(png), "Loft, " + e.getKey() + ": CPU");
            b.append("\n### ").append(e.getKey()).append("\n\n![flame graph ").append(e.getKey()).append("](")
                    .append(png).append(")\n\n").append(String.format(Locale.ROOT,
                            "Stacks through Loft's code (`org/loftmail`): %.0f %%; Netty: %.0f %%; of %,d samples.%n%n",
                            100 * g.shareUnder("org/loftmail"), 100 * g.shareUnder("io/netty"), g.samples()))
                    .append(g.hottest(12));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------- report

    private void write(Path report, List<Run> runs, Map<String, Profile> all, String hot, double minutes) throws IOException {
        StringBuilder b = new StringBuilder("# Loft vs Dovecot, ").append(ZonedDateTime.now().withNano(0)).append("\n\n");
        b.append("## Machine and settings\n\n");
        b.append(String.format(Locale.ROOT, "- %d cores, %.1f GiB RAM, %s %s%n", Runtime.getRuntime().availableProcessors(),
                memoryGiB(), System.getProperty("os.name"), System.getProperty("os.version")));
        b.append("- Load client JDK: ").append(Runtime.version()).append("; Loft runs in its own JVM via `")
                .append(loft).append(" run` (`LOFT_JAVA_OPTS=-Xmx2g`").append(jfr ? " plus a JFR recording" : "").append(")\n");
        b.append("- Dovecot: ").append(new DovecotTarget(base, base).version())
                .append(", mdbox, `mail_fsync = always`, login processes with `service_count = 0` and `process_min_avail` = cores, imap/pop3/lmtp processes reused (`service_count = 0`)\n");
        b.append("- Loft: dbox + LMDB, `mail_fsync = always`\n");
        b.append(String.format(Locale.ROOT, "- Both: %d users, %d messages (1–8 KiB) per INBOX imported from the same mbox, "
                + "plaintext on 127.0.0.1, passwd-file with `{PLAIN}` passwords; the first %d users also have a "
                + "mailbox `Lists` of %d threaded messages (1–12 KiB, `WebmailMailbox`) that imap-webmail reads%n",
                users, messages, Math.min(bigUsers, users), bigMessages));
        b.append(String.format(Locale.ROOT, "- %d warm-up pass(es) of every profile on both servers (not recorded), then "
                + "%d repeats of each profile, run Loft then Dovecot each time; timed runs %s%n", warmupRuns, repeats, duration));
        b.append("- `fs.inotify.max_user_instances` raised to 8192 for the run (Dovecot's IDLE needs an inotify instance "
                + "per imap process; at the default 128 it falls back to polling every 30 s)\n");
        b.append("- Command: `perf/compare-dovecot.sh ").append(String.join(" ", argsUsed())).append("`\n");
        b.append(String.format(Locale.ROOT, "- Wall time of the whole comparison: %.1f min%n%n", minutes));

        b.append("## Loft / Dovecot\n\n| profile | unit | Loft median (min–max) | Dovecot median (min–max) | ratio Loft/Dovecot (median) |\n|---|---|---:|---:|---:|\n");
        List<Charts.Ratio> bars = new ArrayList<>();
        for (String p : profiles) {
            Profile profile = all.get(p);
            double[] l = values(runs, "Loft", p);
            double[] d = values(runs, "Dovecot", p);
            if (l.length == 0 || d.length == 0) {
                continue;
            }
            double ratio = profile.lowerIsBetter() ? median(d) / median(l) : median(l) / median(d);
            double rMin = profile.lowerIsBetter() ? min(d) / max(l) : min(l) / max(d);
            double rMax = profile.lowerIsBetter() ? max(d) / min(l) : max(l) / min(d);
            bars.add(new Charts.Ratio(p, ratio, rMin, rMax));
            b.append(String.format(Locale.ROOT, "| %s | %s | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | **%.2f** |%n", p,
                    profile.unit(), median(l), min(l), max(l), median(d), min(d), max(d), ratio));
        }
        b.append("\nFor `idle` the number is a delay, so the ratio is Dovecot/Loft: above 1 means Loft notified sooner.\n\n");
        Charts.ratios(report.resolve("ratios.png"), "Loft / Dovecot per profile (median, bars: min–max)", bars);
        b.append("![ratios](ratios.png)\n\n## Latency percentiles (last repeat)\n\n");
        for (String p : profiles) {
            Run l = last(runs, "Loft", p);
            Run d = last(runs, "Dovecot", p);
            if (l == null || d == null) {
                continue;
            }
            if (l.latency() == null) {
                b.append("### ").append(p).append("\n\nFrom the APPEND to each connection's `* n EXISTS` (IdleLoad reports "
                        + "these three percentiles):\n\n| | p50 | p99 | max |\n|---|---:|---:|---:|\n");
                for (Run r : List.of(l, d)) {
                    b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", r.server(), r.summary()[0],
                            r.summary()[1], r.summary()[2]));
                }
                b.append('\n');
                continue;
            }
            Charts.percentiles(report.resolve("latency-" + p + ".png"), p + ": latency (ms, log scale)", points(l.latency()),
                    points(d.latency()));
            b.append("### ").append(p).append("\n\n![").append(p).append("](latency-").append(p).append(".png)\n\n")
                    .append("| | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n")
                    .append(row("Loft", l.latency())).append(row("Dovecot", d.latency())).append('\n');
            if (l.commands() != null && d.commands() != null) {
                b.append(commandTable(l.commands(), d.commands()));
            }
        }
        b.append("## Every run\n\n| repeat | profile | server | value |\n|---:|---|---|---:|\n");
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Run r : runs) {
            int n = seen.merge(r.profile() + r.server(), 1, Integer::sum);
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f |%n", n, r.profile(), r.server(), r.value()));
        }
        if (!hot.isEmpty()) {
            b.append(hot);
        }
        Files.writeString(report.resolve("report.md"), b.toString());
    }

    /** Per command: how many ran, and p50/p99 latency (ms) on each server, from the last repeat. */
    private static String commandTable(List<LoadReport.Row> loft, List<LoadReport.Row> dovecot) {
        StringBuilder b = new StringBuilder("| command | Loft count | Dovecot count | Loft p50 | Dovecot p50 | Loft p99 "
                + "| Dovecot p99 | errors Loft/Dovecot |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadReport.Row l : loft) {
            LoadReport.Row d = dovecot.stream().filter(r -> r.command() == l.command()).findFirst().orElse(null);
            if (d == null || !l.command().imap() || (l.count() == 0 && d.count() == 0 && l.errors() == 0
                    && d.errors() == 0)) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %d/%d |%n",
                    l.command().label(), l.count(), d.count(), l.p50(), d.p50(), l.p99(), d.p99(), l.errors(), d.errors()));
        }
        return b.append('\n').toString();
    }

    private List<String> argsUsed() {
        List<String> args = new ArrayList<>(List.of("--users", String.valueOf(users), "--messages",
                String.valueOf(messages), "--repeats", String.valueOf(repeats), "--duration", duration.toSeconds() + "s",
                "--idle-connections", String.valueOf(idleConnections), "--big-users", String.valueOf(bigUsers),
                "--big-messages", String.valueOf(bigMessages), "--webmail-clients", String.valueOf(webmailClients),
                "--profiles", String.join(",", profiles)));
        if (jfr) {
            args.add("--jfr");
        }
        if (flame) {
            args.add("--flame");
        }
        return args;
    }

    private static String row(String server, Histogram h) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", server, ms(h, 50), ms(h, 90),
                ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static List<Charts.Point> points(Histogram h) {
        List<Charts.Point> p = new ArrayList<>();
        for (double q : new double[] {50, 90, 99, 99.9}) {
            p.add(new Charts.Point(q, ms(h, q)));
        }
        p.add(new Charts.Point(100, h.getMaxValue() / 1000.0));
        return p;
    }

    private static double ms(Histogram h, double q) {
        return h.getValueAtPercentile(q) / 1000.0;
    }

    private static double[] values(List<Run> runs, String server, String profile) {
        return runs.stream().filter(r -> r.server().equals(server) && r.profile().equals(profile)).mapToDouble(Run::value)
                .sorted().toArray();
    }

    private static Run last(List<Run> runs, String server, String profile) {
        Run found = null;
        for (Run r : runs) {
            if (r.server().equals(server) && r.profile().equals(profile)) {
                found = r;
            }
        }
        return found;
    }

    private static double median(double[] v) {
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static double memoryGiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (IOException e) {
            // Not Linux: leave it out.
        }
        return 0;
    }

}
