package org.loftmail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.config.LoftConfig;

/**
 * kill -9 while 200 LMTP deliveries are in flight (200 connections delivering at once, two
 * messages each, two recipients per message, fsync on): after the restart every delivery that
 * got its 250 is there, intact, and no message is there twice.
 */
class LmtpCrashTest {
    private static final Pattern ID = Pattern.compile("Message-ID: <([^>]+)>");
    private static final int CONNECTIONS = 200;
    private static final int PER_CONNECTION = 2;

    @TempDir
    Path dir;

    private static String message(String id) {
        StringBuilder b = new StringBuilder("Message-ID: <" + id + ">\r\nSubject: " + id + "\r\n\r\n");
        while (b.length() < 4000 + Math.floorMod(id.hashCode(), 20_000)) {
            b.append(id).append(' ').append(b.length()).append("\r\n");
        }
        return b.toString();
    }

    @Test
    void everyAcknowledgedDeliveryIsThereOnceAfterKillMinus9() throws Exception {
        Files.writeString(dir.resolve("passwd"), "ann:{PLAIN}x\nben:{PLAIN}x\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, """
                mail_location = dbox:%1$s/mail/%%u
                protocols = lmtp
                listen = 127.0.0.1
                ssl = no
                service lmtp {
                  # Dovecot's default is 100 connections (process_limit × client_limit).
                  process_limit = 250
                  inet_listener lmtp {
                    port = %2$d
                  }
                }
                passdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                """.formatted(dir.toAbsolutePath(), port));
        // ann and ben each get a copy: 250s are per recipient.
        Map<String, Set<String>> acked = Map.of("ann", ConcurrentHashMap.newKeySet(), "ben", ConcurrentHashMap.newKeySet());
        Process child = startChild(conf);
        AtomicInteger acks = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int conn = c;
            Thread t = new Thread(() -> deliverAll(port, conn, acked, acks, enough));
            t.start();
            clients.add(t);
        }
        // Kill once some deliveries are acknowledged and most of the 200 are still on their way.
        assertTrue(enough.await(60, TimeUnit.SECONDS), "no deliveries acknowledged: " + childLog());
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(10, TimeUnit.SECONDS);
        for (Thread t : clients) {
            t.join(30_000);
        }
        int total = acked.get("ann").size() + acked.get("ben").size();
        System.out.println("LmtpCrashTest: " + total + " of " + 2 * CONNECTIONS * PER_CONNECTION
                + " copies acknowledged before kill -9");
        assertTrue(total > 0 && total < 2 * CONNECTIONS * PER_CONNECTION,
                "the kill should land mid-traffic; acknowledged " + total);

        try (SingleNode node = new SingleNode(LoftConfig.load(conf, s -> { }))) {
            for (String user : List.of("ann", "ben")) {
                UserStore u = node.store().user(new UserId(user));
                MailboxInfo inbox = u.mailboxes().get(0);
                Map<String, Integer> copies = new HashMap<>();
                for (MessageInfo m : u.messages(inbox.guid(), 1, Long.MAX_VALUE)) {
                    String stored = new String(u.content(inbox.guid(), m.uid()).toByteArray(), StandardCharsets.UTF_8);
                    Matcher id = ID.matcher(stored);
                    assertTrue(id.find(), stored);
                    assertTrue(stored.endsWith("\r\n" + message(id.group(1))), "message " + id.group(1) + " intact");
                    copies.merge(id.group(1), 1, Integer::sum);
                }
                for (String id : acked.get(user)) {
                    assertEquals(1, copies.getOrDefault(id, 0), user + ": acknowledged " + id + " must be there once");
                }
                copies.forEach((id, n) -> assertEquals(1, n, user + ": " + id + " is there " + n + " times"));
            }
        }
    }

    /** One connection's deliveries; ends when the server dies. */
    private static void deliverAll(int port, int conn, Map<String, Set<String>> acked, AtomicInteger acks,
                                   CountDownLatch enough) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            in.readLine();
            out.write("LHLO crash\r\n".getBytes(StandardCharsets.US_ASCII));
            String l;
            do {
                l = in.readLine();
            } while (l != null && l.startsWith("250-"));
            for (int i = 0; i < PER_CONNECTION; i++) {
                String id = "c" + conn + "-m" + i + "@crash";
                out.write(("MAIL FROM:<s@example.org>\r\nRCPT TO:<ann>\r\nRCPT TO:<ben>\r\nDATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int r = 0; r < 4; r++) {
                    if (in.readLine() == null) {
                        return;
                    }
                }
                out.write((message(id) + ".\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (String user : List.of("ann", "ben")) {
                    String reply = in.readLine();
                    if (reply == null) {
                        return;
                    }
                    if (reply.startsWith("250 2.0.0 <" + user + ">")) {
                        acked.get(user).add(id);
                        if (acks.incrementAndGet() >= 150) {
                            enough.countDown();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The server was killed: what was acknowledged before is what counts.
        }
    }

    private Process startChild(Path conf) throws IOException {
        List<String> cmd = ChildJvm.command(LmtpCrashWorker.class, conf.toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("child.log").toFile()).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        do {
            line = r.readLine();
        } while (line != null && !line.startsWith("READY"));
        assertTrue(line != null, "child did not start:\n" + childLog());
        // The child logs to stdout too; keep the pipe drained so it never blocks.
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the child died
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private String childLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
