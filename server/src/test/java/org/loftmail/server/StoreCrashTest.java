package org.loftmail.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;

/**
 * Nothing acknowledged is lost: a child JVM appends concurrently and is killed with SIGKILL at
 * random moments; after each kill the store must hold every acknowledged message byte for byte,
 * UIDs must be unique and increasing, and the index must agree with a rebuild from the files.
 */
class StoreCrashTest {
    private static final int ROUNDS = 30;
    private static final UserId USER = new UserId("crash");

    @TempDir
    Path dir;

    private record Ack(String mailbox, long uid, String id) {
    }

    @Test
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        Random random = new Random(20261124);
        Map<String, Ack> acked = new HashMap<>();
        int killedWithAcks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Ack> acks = runAndKill(round, 40 + random.nextInt(400));
            if (!acks.isEmpty()) {
                killedWithAcks++;
            }
            for (Ack a : acks) {
                acked.put(a.id(), a);
            }
            verify(acked, round % 10 == 9 || round == ROUNDS - 1);
        }
        assertTrue(acked.size() > ROUNDS, "the child should have acknowledged appends, got " + acked.size());
        assertTrue(killedWithAcks > ROUNDS / 2, "most kills should land mid-traffic, got " + killedWithAcks);
    }

    private List<Ack> runAndKill(int round, int millis) throws Exception {
        List<String> cmd = ChildJvm.command(CrashWorker.class, dir.toString(), String.valueOf(round), "8");
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + round + ".log").toFile()).start();
        List<Ack> acks = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line = r.readLine();
            assertEquals("READY", line, "child did not start: " + Files.readString(dir.resolve("child-" + round + ".log")));
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            Thread reader = new Thread(() -> {
                try {
                    String l;
                    while ((l = r.readLine()) != null) {
                        String[] f = l.split(" ");
                        // Only a complete line counts as an acknowledgement.
                        if (f.length == 4 && f[0].equals("ACK")) {
                            synchronized (acks) {
                                acks.add(new Ack(f[1], Long.parseLong(f[2]), f[3]));
                            }
                        }
                    }
                } catch (IOException e) {
                    // the pipe breaks when the child dies
                }
            });
            reader.start();
            long wait = killAt - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private void verify(Map<String, Ack> acked, boolean compareWithRebuild) throws IOException {
        Map<String, Map<Long, String>> seen = new HashMap<>();
        try (SingleNode node = TestNodes.node(dir, 256 * 1024)) {
            IndexedMailStore store = node.store();
            UserStore u = store.user(USER);
            for (MailboxInfo box : u.mailboxes()) {
                Map<Long, String> byUid = new HashMap<>();
                long last = 0;
                for (MessageInfo m : u.messages(box.guid(), 1, Long.MAX_VALUE)) {
                    assertTrue(m.uid() > last, "UIDs strictly increasing in " + box.name());
                    last = m.uid();
                    byte[] bytes = u.content(box.guid(), m.uid()).toByteArray();
                    String id = idOf(bytes);
                    assertArrayEquals(CrashWorker.content(id), bytes, "message " + id + " intact");
                    byUid.put(m.uid(), id);
                }
                assertTrue(last < box.uidNext(), "UIDNEXT above every UID");
                seen.put(box.name().value(), byUid);
            }
            Set<String> ids = new HashSet<>();
            for (Map<Long, String> m : seen.values()) {
                for (String id : m.values()) {
                    assertTrue(ids.add(id), "message " + id + " stored twice");
                }
            }
            for (Ack a : acked.values()) {
                Map<Long, String> box = seen.get(a.mailbox());
                assertEquals(a.id(), box == null ? null : box.get(a.uid()),
                        "acknowledged " + a + " must be there under its UID");
            }
            if (compareWithRebuild) {
                store.rebuild(USER);
                UserStore rebuilt = store.user(USER);
                for (MailboxInfo box : rebuilt.mailboxes()) {
                    Map<Long, String> byUid = new HashMap<>();
                    for (MessageInfo m : rebuilt.messages(box.guid(), 1, Long.MAX_VALUE)) {
                        byUid.put(m.uid(), idOf(rebuilt.content(box.guid(), m.uid()).toByteArray()));
                    }
                    assertEquals(seen.get(box.name().value()), byUid, "index and files agree on " + box.name());
                }
            }
        }
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                String text = Files.readString(log);
                assertTrue(!text.contains("Exception in thread"), "child failed before the kill: " + text);
            }
        }
    }

    private static String idOf(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 200), StandardCharsets.US_ASCII);
        int start = head.indexOf('<') + 1;
        return head.substring(start, head.indexOf('@', start));
    }
}
