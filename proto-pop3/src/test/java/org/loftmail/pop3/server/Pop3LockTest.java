package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exclusive POP3 lock (RFC 1939 section 8, Dovecot's pop3_lock_session = yes): one POP3
 * session per user in TRANSACTION; other users and the store (IMAP, LMTP) are not held up.
 */
class Pop3LockTest {
    private static final String MSG = "Subject: x\r\n\r\nbody\r\n";

    @TempDir
    Path dir;

    @Test
    void aSecondSessionOfTheSameUserIsInUseUntilTheFirstQuits() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            node.append(TestNode.ALICE, MSG);
            try (Pop3Client first = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW);
                 Pop3Client second = node.greeted()) {
                second.command("USER " + TestNode.ALICE);
                assertEquals("-ERR [IN-USE] Mailbox is locked by another POP3 session.",
                        second.command("PASS " + TestNode.ALICE_PW));
                // Still in AUTHORIZATION (RFC 1939 allows either); another user logs in meanwhile.
                assertEquals("+OK", second.command("USER " + TestNode.BOB));
                assertEquals("+OK Logged in.", second.command("PASS " + TestNode.BOB_PW));

                // IMAP and delivery go on for the locked user.
                node.append(TestNode.ALICE, MSG);
                assertEquals(2, node.uids(TestNode.ALICE).size());
                assertEquals("+OK 1 " + MSG.length(), first.command("STAT"));

                assertEquals("+OK Logging out.", first.command("QUIT"));
            }
            try (Pop3Client third = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
                assertEquals("+OK 2 " + 2 * MSG.length(), third.command("STAT"), "QUIT released the lock at once");
            }
        }
    }

    @Test
    void aDroppedSessionReleasesTheLock() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            Pop3Client first = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW);
            first.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            String answer;
            do {
                try (Pop3Client next = node.greeted()) {
                    next.command("USER " + TestNode.ALICE);
                    answer = next.command("PASS " + TestNode.ALICE_PW);
                }
                if (!answer.startsWith("+OK")) {
                    assertEquals("-ERR [IN-USE] Mailbox is locked by another POP3 session.", answer);
                    Thread.sleep(20);
                }
            } while (!answer.startsWith("+OK") && System.nanoTime() < deadline);
            assertEquals("+OK Logged in.", answer);
        }
    }

    @Test
    void withoutLockSessionTwoSessionsMayRun() throws Exception {
        try (TestNode node = TestNode.start(dir, TestNode.SETTINGS.withLockSession(false));
             Pop3Client first = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW);
             Pop3Client second = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK 0 0", first.command("STAT"));
            assertEquals("+OK 0 0", second.command("STAT"));
        }
    }
}
