package org.loftmail.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.MailStore;
import org.loftmail.core.store.UserStore;

/**
 * Child process of {@link StoreCrashTest}: appends from several threads until killed, printing
 * {@code ACK <mailbox> <uid> <id>} only after an append returned (the message is durable).
 */
public final class CrashWorker {
    static final String[] MAILBOXES = {"INBOX", "Work"};

    private CrashWorker() {
    }

    /** The bytes of message {@code id}: deterministic, so the parent can check them. */
    static byte[] content(String id) {
        int size = 200 + Math.floorMod(id.hashCode(), 30_000);
        StringBuilder sb = new StringBuilder("Message-ID: <" + id + "@crash>\r\nSubject: " + id + "\r\n\r\n");
        while (sb.length() < size) {
            sb.append(id).append(' ').append(sb.length()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        MailStore store = TestNodes.node(dir, 256 * 1024).store();
        UserStore user = store.user(new UserId("crash"));
        if (user.mailbox(MailboxName.of("Work")).isEmpty()) {
            user.create(MailboxName.of("Work"), java.util.Set.of());
        }
        MailboxGuid[] boxes = {user.mailbox(MailboxName.INBOX).orElseThrow().guid(),
            user.mailbox(MailboxName.of("Work")).orElseThrow().guid()};
        AtomicBoolean running = new AtomicBoolean(true);
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String id = "r" + round + "-t" + thread + "-" + i;
                    int box = (thread + i) % 2;
                    AppendResult r = user.append(boxes[box], MessageContent.of(content(id)), Flags.NONE, 0);
                    synchronized (out) {
                        out.println("ACK " + MAILBOXES[box] + " " + r.uid() + " " + id);
                        out.flush();
                    }
                }
            });
            th.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
