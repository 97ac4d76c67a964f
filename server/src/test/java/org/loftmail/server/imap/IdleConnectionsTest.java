package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.UserStore;

/** Many IDLE connections hold no worker thread, and all of them hear of a delivery. */
class IdleConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void idleConnectionsCostNoThreadAndAllAreNotified() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir)) {
            List<Transcript> idlers = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Transcript t = server.login(i % 2 == 0 ? "alice" : "bob");
                    t.send("s SELECT INBOX");
                    t.readUntil("s OK");
                    t.run("""
                        C: i IDLE
                        S: + idling
                        """);
                    idlers.add(t);
                }
                Thread.sleep(200);
                assertEquals(0, server.node.busyWorkers(), "an IDLE connection must not hold a worker");
                for (String user : List.of("alice", "bob")) {
                    UserStore store = server.node.store().user(new UserId(user));
                    store.append(store.mailbox(MailboxName.INBOX).orElseThrow().guid(),
                            MessageContent.of("Subject: hi\r\n\r\nhello\r\n".getBytes()), Flags.NONE,
                            System.currentTimeMillis());
                }
                for (Transcript t : idlers) {
                    t.expectLine("* 1 EXISTS");
                }
            } finally {
                idlers.forEach(Transcript::close);
            }
        }
    }
}
