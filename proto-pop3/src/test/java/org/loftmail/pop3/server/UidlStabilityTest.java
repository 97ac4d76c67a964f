package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UIDLs depend only on UID, UIDVALIDITY (and GUID): the same across sessions, restarts and deletions. */
class UidlStabilityTest {
    @TempDir
    Path dir;

    private static List<String> uidls(TestNode node) throws Exception {
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK", c.command("UIDL"));
            List<String> lines = c.lines();
            c.command("QUIT");
            return lines;
        }
    }

    @Test
    void uidlsSurviveARestartAndDeletingOtherMessages() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            for (int i = 0; i < 3; i++) {
                node.append(TestNode.ALICE, "Subject: " + i + "\r\n\r\nbody " + i + "\r\n");
            }
            List<String> before = uidls(node);
            assertEquals(3, before.size());
            assertEquals(before, uidls(node));

            node.restart();
            assertEquals(before, uidls(node), "the same after the store is closed and opened again");

            try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
                c.command("DELE 1");
                assertEquals("+OK Logging out, messages deleted.", c.command("QUIT"));
            }
            List<String> after = uidls(node);
            assertEquals(List.of("1 " + before.get(1).split(" ")[1], "2 " + before.get(2).split(" ")[1]), after,
                    "message numbers move up, UIDLs stay with their messages");
        }
    }

    @Test
    void theGuidFormatGivesTheMessageGuid() throws Exception {
        try (TestNode node = TestNode.start(dir, TestNode.SETTINGS.withUidlFormat("%g"))) {
            node.append(TestNode.ALICE, "Subject: g\r\n\r\nx\r\n");
            String guid = node.user(TestNode.ALICE).messages(node.inbox(TestNode.ALICE).guid(), 1, Long.MAX_VALUE)
                    .get(0).guid().toString();
            List<String> lines = uidls(node);
            assertEquals(List.of("1 " + guid), lines);
            assertTrue(guid.matches("[0-9a-f]{32}"));
        }
    }
}
