package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private Postfix instance (Debian package {@code postfix}) for one test: its own
 * {@code main.cf} and {@code master.cf} in a directory passed with {@code postfix -c}, queue and
 * data directories beside them, log in a file (there is no syslog in CI), and only
 * {@code smtpd} listening on a free 127.0.0.1 port with SASL through a Dovecot-protocol socket.
 * No {@code multi_instance} registration: as root, {@code postfix -c DIR} runs an instance that
 * the system's main.cf never hears of.
 *
 * <p>Postfix needs root to start (it drops to {@code mail_owner = postfix} itself).
 */
final class PostfixInstance {
    private static final long COMMAND_SECONDS = 30;
    /** Where Debian installs postfix, in case PATH (a non-root one) lacks it. */
    private static final List<String> EXTRA_PATH = List.of("/usr/sbin", "/sbin");

    private final Path dir;
    private final int port;
    private boolean running;

    private PostfixInstance(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Fails (does not skip) without postfix or swaks, or when not root: CI installs them and runs
     * as root, so a miss is a broken machine and must be seen.
     */
    static void requireInstalled() {
        String missing = (find("postfix").isEmpty() ? " postfix" : "") + (find("swaks").isEmpty() ? " swaks" : "");
        if (!missing.isEmpty()) {
            fail("not installed:" + missing + " (PATH=" + System.getenv("PATH") + "). Install Debian's packages: "
                    + "DEBIAN_FRONTEND=noninteractive apt-get install -y postfix swaks (.ci/run does this).");
        }
        String user = ProcessHandle.current().info().user().orElse("?");
        if (!user.equals("root")) {
            fail("the Postfix test starts a real Postfix, which needs root; running as " + user);
        }
    }

    /** The absolute path of a program on PATH (or in /usr/sbin), if installed. */
    static Optional<Path> find(String program) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator
                + String.join(File.pathSeparator, EXTRA_PATH)).split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Optional.of(Path.of(d, program));
            }
        }
        return Optional.empty();
    }

    /** An instance whose smtpd checks SMTP AUTH through the Dovecot-protocol socket {@code saslSocket}. */
    static PostfixInstance start(Path dir, Path saslSocket) throws IOException, InterruptedException {
        return start(dir, """
                mydestination =
                smtpd_sasl_auth_enable = yes
                smtpd_sasl_type = dovecot
                # Absolute: a relative path is taken relative to queue_directory (private/auth).
                smtpd_sasl_path = %s
                smtpd_sasl_security_options = noanonymous
                # Plaintext AUTH without TLS, on this loopback-only test instance alone.
                smtpd_tls_auth_only = no
                smtpd_relay_restrictions = permit_sasl_authenticated, reject
                """.formatted(saslSocket.toAbsolutePath()), "");
    }

    /**
     * An instance that accepts mail for {@code domain} and delivers it over LMTP to
     * {@code transport} ({@code lmtp:unix:/path} or {@code lmtp:inet:127.0.0.1:port}), as a
     * "Postfix + Dovecot" setup does with {@code virtual_transport}.
     */
    static PostfixInstance startRelay(Path dir, String domain, String transport) throws IOException, InterruptedException {
        return start(dir, """
                mydestination =
                virtual_mailbox_domains = %s
                virtual_transport = %s
                # Loft's LMTP checks the recipients; Postfix has no list of them here.
                smtpd_reject_unlisted_recipient = no
                smtpd_relay_restrictions = reject_unauth_destination
                # Deliver at once and retry soon: the test waits for the mail.
                queue_run_delay = 1s
                minimal_backoff_time = 1s
                maximal_backoff_time = 2s
                """.formatted(domain, transport), """
                qmgr      unix  n  -  n  300 1  qmgr
                bounce    unix  -  -  n  -  0  bounce
                defer     unix  -  -  n  -  0  bounce
                trace     unix  -  -  n  -  0  bounce
                verify    unix  -  -  n  -  1  verify
                error     unix  -  -  n  -  -  error
                retry     unix  -  -  n  -  -  error
                discard   unix  -  -  n  -  -  discard
                lmtp      unix  -  -  n  -  -  lmtp
                scache    unix  -  -  n  -  1  scache
                """);
    }

    /** Writes the instance's configuration into {@code dir} and starts it. */
    private static PostfixInstance start(Path dir, String mainCf, String masterCf) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        // master.lock and the TLS caches live here and Postfix insists that it owns them.
        Files.setOwner(data, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
        int port = freePort();
        Files.writeString(dir.resolve("main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                maillog_file_prefixes = %1$s
                maillog_file = %1$s/maillog
                myhostname = postfix-test.loft.invalid
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                alias_maps =
                alias_database =
                smtpd_tls_security_level = none
                """.formatted(dir.toAbsolutePath()) + mainCf);
        // No chroot: smtpd and lmtp must reach sockets by their absolute paths.
        Files.writeString(dir.resolve("master.cf"), """
                127.0.0.1:%d inet n - n - - smtpd
                anvil     unix  -  -  n  -  1  anvil
                rewrite   unix  -  -  n  -  -  trivial-rewrite
                cleanup   unix  n  -  n  -  0  cleanup
                proxymap  unix  -  -  n  -  -  proxymap
                postlog   unix-dgram n - n - 1 postlogd
                """.formatted(port) + masterCf);
        PostfixInstance p = new PostfixInstance(dir, port);
        p.postfix("start");
        p.running = true;
        p.awaitListening();
        return p;
    }

    int port() {
        return port;
    }

    /** Postfix's own log of this instance, for failure messages. */
    String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no maillog)";
        } catch (IOException e) {
            return "(maillog unreadable: " + e + ")";
        }
    }

    /**
     * {@code postfix stop}, then makes sure this instance's master (and so its children) is gone:
     * the only processes touched are the ones this instance started.
     */
    void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        Optional<ProcessHandle> master = masterProcess();
        postfix("stop");
        if (master.isPresent()) {
            try {
                master.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                master.get().destroyForcibly();
            }
        }
    }

    private Optional<ProcessHandle> masterProcess() {
        try {
            String pid = Files.readString(dir.resolve("queue/pid/master.pid")).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void postfix(String command) throws IOException, InterruptedException {
        Run r = run(dir.resolve("postfix-" + command + ".out"), "postfix", "-c", dir.toAbsolutePath().toString(), command);
        if (r.exitCode() != 0) {
            fail("postfix -c " + dir + " " + command + " exited with " + r.exitCode() + ":\n" + r.output()
                    + "\nmaillog:\n" + log());
        }
    }

    /** A program's exit code and everything it printed. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs a program (from PATH or /usr/sbin) to its end with its output in {@code out}; fails
     * the test, with this instance's log, if it takes longer than {@value #COMMAND_SECONDS} s.
     */
    Run run(Path out, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find(program).orElseThrow().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(program + " did not finish within " + COMMAND_SECONDS + " s\n"
                    + Files.readString(out, StandardCharsets.ISO_8859_1) + "\nmaillog:\n" + log());
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("Postfix started but nothing listens on 127.0.0.1:" + port + "\n" + log());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
