package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sessions on one mailbox interleave APPEND, STORE and EXPUNGE at random; after a NOOP
 * both must hold the same view: the same UIDs at the same sequence numbers with the same flags.
 */
class TwoSessionsTest {
    @TempDir
    Path dir;

    @Test
    void interleavedChangesLeaveBothViewsInAgreement() {
        try (ImapTestServer server = new ImapTestServer(dir);
             Transcript a = server.login("alice"); Transcript b = server.login("alice")) {
            a.send("s1 SELECT INBOX");
            a.readUntil("s1 ");
            b.send("s1 SELECT INBOX");
            b.readUntil("s1 ");
            Random r = new Random(42);
            int tag = 0;
            for (int step = 0; step < 200; step++) {
                Transcript t = r.nextBoolean() ? a : b;
                String cmd;
                switch (r.nextInt(5)) {
                    case 0, 1 -> cmd = "APPEND INBOX {10+}\r\nSubject: " + (step % 10);
                    case 2 -> cmd = "STORE 1:* +FLAGS (\\Flagged)";
                    case 3 -> cmd = "UID STORE " + (1 + r.nextInt(step + 1)) + ":* +FLAGS (\\Deleted)";
                    default -> cmd = r.nextBoolean() ? "EXPUNGE" : "NOOP";
                }
                String t1 = "t" + (++tag);
                t.send(t1 + " " + cmd);
                List<String> lines = t.readUntil(t1 + " ");
                String last = lines.get(lines.size() - 1);
                assertTrue(last.startsWith(t1 + " OK") || last.startsWith(t1 + " BAD Invalid messageset"), last);
            }
            assertEquals(view(a, "z1"), view(b, "z1"));
        }
    }

    private static List<String> view(Transcript t, String tag) {
        t.send("n1 NOOP");
        t.readUntil("n1 ");
        t.send(tag + " FETCH 1:* (UID FLAGS)");
        List<String> out = new ArrayList<>();
        for (String l : t.readUntil(tag + " ")) {
            if (l.startsWith("* ") && l.contains(" FETCH ")) {
                out.add(l.replace(" \\Recent", "").replace("(\\Recent)", "()"));
            }
        }
        return out;
    }
}
