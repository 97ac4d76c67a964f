package org.loftmail.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.imap.TranscriptAccess;

/**
 * The README's promise, as a user meets it: {@code loft run} with no configuration in an empty
 * directory makes a certificate and a demo user, prints the password once, and serves IMAPS on
 * 127.0.0.1 and ::1 port 1993 and STARTTLS on 1143. A second start keeps the password.
 */
class LoftRunTest {
    private static final Pattern PASSWORD = Pattern.compile("Demo user: demo {2}password: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void embeddedDefaultServesImapWithAPrintedDemoPassword() throws Exception {
        String password;
        Process p = start();
        try {
            String out = awaitRunning(p);
            Matcher m = PASSWORD.matcher(out);
            assertTrue(m.find(), "password not printed: " + out);
            password = m.group(1);
            assertTrue(Files.exists(dir.resolve("var/tls/loft-cert.pem")));
            assertFalse(Files.readString(dir.resolve("var/passwd")).contains(password), "password stored in clear");
            for (InetAddress a : List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))) {
                TranscriptAccess.loginAndReadWelcome(new InetSocketAddress(a, 1993), password);
            }
            TranscriptAccess.startTlsLogin(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1143), password);
            assertEquals("250 2.1.5 OK", lmtpRcpt(), "LMTP on 127.0.0.1:2424 knows the demo user");
            assertTrue(Files.exists(dir.resolve("var/run/lmtp")), "and listens on var/run/lmtp");
            assertEquals("+OK Logged in.", pop3Login(password), "POP3 on 127.0.0.1:1110");
        } finally {
            stop(p);
        }
        Process again = start();
        try {
            String out = awaitRunning(again);
            assertFalse(PASSWORD.matcher(out).find(), "password printed twice");
            TranscriptAccess.loginAndReadWelcome(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1993),
                    password);
        } finally {
            stop(again);
        }
    }

    /** The embedded default's LMTP listener: the reply to RCPT TO the demo user. */
    private static String lmtpRcpt() throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", 2424)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            s.getOutputStream().write("LHLO test\r\nMAIL FROM:<>\r\nRCPT TO:<demo>\r\nQUIT\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String l;
            do {
                l = in.readLine();
            } while (l != null && !l.startsWith("250 2.1.0"));
            return in.readLine();
        }
    }

    /** The embedded default's POP3 listener: the reply to the demo user's PASS. */
    private static String pop3Login(String password) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", 1110)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            in.readLine();
            s.getOutputStream().write(("USER demo\r\nPASS " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
            in.readLine();
            return in.readLine();
        }
    }

    private Process start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Loft.class.getName(), "run"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    /** Reads output until the node says it is running; returns all of it. */
    private static String awaitRunning(Process p) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l != null) {
                out.append(l).append('\n');
                if (l.contains("Loft is running")) {
                    return out.toString();
                }
            }
            assertTrue(p.isAlive() || !lines.isEmpty(), "loft run exited: " + out);
        }
        throw new AssertionError("loft run did not start: " + out);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "loft run did not stop on SIGTERM");
        assertNotNull(p.exitValue());
        assertEquals(false, p.isAlive());
    }
}
