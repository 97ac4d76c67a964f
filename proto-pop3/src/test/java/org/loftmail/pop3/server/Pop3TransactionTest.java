package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.store.MessageInfo;

/** Transcripts of the TRANSACTION and UPDATE states (RFC 1939 sections 5 and 6) over a real socket and store. */
class Pop3TransactionTest {
    private static final String M1 = "From: a@example.org\r\nSubject: one\r\n\r\nHello.\r\n";
    /** Bare LF line ends and lines starting with '.': the wire form differs from the stored bytes. */
    private static final String M2 = "From: b@example.org\nSubject: two\n\n.starts with a dot\n..two dots\n.\nend\n";

    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String crlf(String s) {
        return s.replaceAll("(?<!\r)\n", "\r\n");
    }

    @Test
    void statListAndUidlDescribeTheMaildropInUidOrder() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        long u2 = node.append(TestNode.ALICE, M2);
        long validity = node.inbox(TestNode.ALICE).uidValidity();
        int s1 = M1.length();
        int s2 = crlf(M2).length();
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK 2 " + (s1 + s2), c.command("STAT"));
            assertEquals("+OK 2 messages:", c.command("LIST"));
            assertEquals(List.of("1 " + s1, "2 " + s2), c.lines());
            assertEquals("+OK 2 " + s2, c.command("list 2"));
            assertEquals("+OK", c.command("UIDL"));
            assertEquals(List.of("1 " + String.format("%08x%08x", u1, validity),
                    "2 " + String.format("%08x%08x", u2, validity)), c.lines());
            assertEquals("+OK 1 " + String.format("%08x%08x", u1, validity), c.command("UIDL 1"));
            assertEquals("+OK", c.command("NOOP"));
            assertEquals("+OK Logging out.", c.command("QUIT"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void retrSendsExactlyTheOctetsListReportedWithCrlfAndDotStuffing() throws Exception {
        node.append(TestNode.ALICE, M1);
        node.append(TestNode.ALICE, M2);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            for (int n = 1; n <= 2; n++) {
                long listed = Long.parseLong(c.command("LIST " + n).split(" ")[2]);
                assertEquals("+OK " + listed + " octets", c.command("RETR " + n));
                byte[] body = c.body();
                assertEquals(listed, body.length);
                assertArrayEquals(crlf(n == 1 ? M1 : M2).getBytes(StandardCharsets.US_ASCII), body);
            }
            assertEquals("+OK", c.command("NOOP"), "the stream is in step after RETR");
        }
    }

    @Test
    void retrOnTheWireStuffsEveryLeadingDot() throws Exception {
        node.append(TestNode.ALICE, M2);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            c.command("RETR 1");
            assertEquals(List.of("From: b@example.org", "Subject: two", "", "..starts with a dot", "...two dots", "..",
                    "end"), c.lines());
        }
    }

    @Test
    void aLargeMessageIsStreamedWhole() throws Exception {
        StringBuilder sb = new StringBuilder("Subject: big\n\n");
        for (int i = 0; sb.length() < 3_000_000; i++) {
            sb.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of a big message\n");
        }
        node.append(TestNode.ALICE, sb.toString());
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            long listed = Long.parseLong(c.command("LIST 1").split(" ")[2]);
            c.command("RETR 1");
            byte[] body = c.body();
            assertEquals(listed, body.length);
            assertArrayEquals(crlf(sb.toString()).getBytes(StandardCharsets.US_ASCII), body);
        }
    }

    @Test
    void topSendsTheHeaderTheBlankLineAndNBodyLines() throws Exception {
        node.append(TestNode.ALICE, "Subject: t\nX: y\n\nl1\n.l2\nl3\n");
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK", c.command("TOP 1 2"));
            assertEquals(List.of("Subject: t", "X: y", "", "l1", "..l2"), c.lines());
            assertEquals("+OK", c.command("top 1 0"));
            assertEquals(List.of("Subject: t", "X: y", ""), c.lines());
            assertEquals("+OK", c.command("TOP 1 100"));
            assertEquals(List.of("Subject: t", "X: y", "", "l1", "..l2", "l3"), c.lines());
            assertEquals("-ERR Invalid size: x", c.command("TOP 1 x"));
            assertEquals("-ERR There's no message 2.", c.command("TOP 2 1"));
        }
    }

    @Test
    void deleAndQuitExpungeExactlyTheMarkedMessages() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        long u2 = node.append(TestNode.ALICE, M2);
        long u3 = node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK Marked to be deleted.", c.command("DELE 1"));
            assertEquals("+OK Marked to be deleted.", c.command("dele 3"));
            assertEquals("-ERR Message is deleted.", c.command("DELE 3"));
            assertEquals("-ERR Message is deleted.", c.command("RETR 1"));
            assertEquals("+OK 1 " + crlf(M2).length(), c.command("STAT"));
            assertEquals("+OK 1 messages:", c.command("LIST"));
            assertEquals(List.of("2 " + crlf(M2).length()), c.lines());
            assertEquals("+OK", c.command("UIDL"));
            assertEquals(1, c.lines().size());
            assertEquals(List.of(u1, u2, u3), node.uids(TestNode.ALICE), "nothing is gone before QUIT");
            assertEquals("+OK Logging out, messages deleted.", c.command("QUIT"));
        }
        assertEquals(List.of(u2), node.uids(TestNode.ALICE));
    }

    @Test
    void aDroppedConnectionDeletesNothing() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        long u2 = node.append(TestNode.ALICE, M2);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK Marked to be deleted.", c.command("DELE 1"));
            assertEquals("+OK Marked to be deleted.", c.command("DELE 2"));
        }
        // The next session sees both: it can only log in once the dropped one has let go.
        try (Pop3Client c = loginWhenFree()) {
            assertEquals("+OK 2 " + (M1.length() + crlf(M2).length()), c.command("STAT"));
        }
        assertEquals(List.of(u1, u2), node.uids(TestNode.ALICE));
    }

    @Test
    void rsetUnmarksEverything() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            c.command("DELE 1");
            assertEquals("+OK 0 0", c.command("STAT"));
            assertEquals("+OK", c.command("RSET"));
            assertEquals("+OK 1 " + M1.length(), c.command("STAT"));
            assertEquals("+OK Logging out.", c.command("QUIT"));
        }
        assertEquals(List.of(u1), node.uids(TestNode.ALICE));
    }

    @Test
    void retrievedMessagesAreSeenAfterQuitButTopDoesNotCount() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        long u2 = node.append(TestNode.ALICE, M2);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            c.command("RETR 1");
            c.body();
            c.command("TOP 2 1");
            c.lines();
            c.command("QUIT");
        }
        List<MessageInfo> ms = node.user(TestNode.ALICE).messages(node.inbox(TestNode.ALICE).guid(), 1, Long.MAX_VALUE);
        assertTrue(ms.get(0).flags().has(Flags.SEEN));
        assertEquals(u1, ms.get(0).uid());
        assertFalse(ms.get(1).flags().has(Flags.SEEN));
        assertEquals(u2, ms.get(1).uid());
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.greeted()) {
            c.raw(("USER " + TestNode.ALICE + "\r\nPASS " + TestNode.ALICE_PW + "\r\nSTAT\r\nLIST\r\nRETR 1\r\n"
                    + "DELE 1\r\nNOPE\r\nSTAT\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("+OK", c.line());
            assertEquals("+OK Logged in.", c.line());
            assertEquals("+OK 1 " + M1.length(), c.line());
            assertEquals("+OK 1 messages:", c.line());
            assertEquals(List.of("1 " + M1.length()), c.lines());
            assertEquals("+OK " + M1.length() + " octets", c.line());
            assertArrayEquals(M1.getBytes(StandardCharsets.US_ASCII), c.body());
            assertEquals("+OK Marked to be deleted.", c.line());
            assertEquals("-ERR Unknown command: NOPE", c.line());
            assertEquals("+OK 0 0", c.line());
            assertEquals("+OK Logging out, messages deleted.", c.line());
        }
        assertEquals(List.of(), node.uids(TestNode.ALICE));
    }

    @Test
    void messagesArrivingAfterLoginWaitForTheNextSession() throws Exception {
        node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            node.append(TestNode.ALICE, M2);
            assertEquals("+OK 1 " + M1.length(), c.command("STAT"));
            assertEquals("-ERR There's no message 2.", c.command("RETR 2"));
            c.command("QUIT");
        }
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("+OK 2 " + (M1.length() + crlf(M2).length()), c.command("STAT"));
        }
    }

    @Test
    void aMessageExpungedByAnotherSessionIsReportedAndTheSessionGoesOn() throws Exception {
        long u1 = node.append(TestNode.ALICE, M1);
        node.append(TestNode.ALICE, M2);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            // An IMAP client expunges message 1 meanwhile.
            node.user(TestNode.ALICE).expunge(node.inbox(TestNode.ALICE).guid(), List.of(u1));
            assertEquals("-ERR Message 1 expunged.", c.command("RETR 1"));
            assertEquals("-ERR Message 1 expunged.", c.command("TOP 1 0"));
            assertEquals("+OK " + crlf(M2).length() + " octets", c.command("RETR 2"));
            c.body();
            assertEquals("+OK Marked to be deleted.", c.command("DELE 1"));
            assertEquals("+OK Logging out, messages deleted.", c.command("QUIT"));
        }
        assertEquals(1, node.uids(TestNode.ALICE).size());
    }

    @Test
    void badMessageNumbersGetDovecotsAnswers() throws Exception {
        node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            assertEquals("-ERR There's no message 0.", c.command("RETR 0"));
            assertEquals("-ERR There's no message 2.", c.command("LIST 2"));
            assertEquals("-ERR Invalid message number: x", c.command("RETR x"));
            assertEquals("-ERR Invalid message number: ", c.command("RETR"));
            assertEquals("-ERR Noise after message number: z", c.command("DELE 1z"));
            assertEquals("-ERR Message number too large: 99999999999", c.command("UIDL 99999999999"));
            assertEquals("-ERR Unknown command: LAST", c.command("LAST"));
            assertEquals("-ERR Unknown command: USER", c.command("USER bob"));
            assertEquals("-ERR Unknown command: STLS", c.command("STLS"));
            assertEquals("+OK 1 " + M1.length(), c.command("STAT"), "the session goes on");
        }
    }

    @Test
    void tooManyBadCommandsInARowEndTheConnection() throws Exception {
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            for (int i = 0; i < 20; i++) {
                assertEquals("-ERR Unknown command: BAD", c.command("BAD"));
            }
            assertEquals("+OK", c.command("NOOP"), "a good command starts the count again");
            for (int i = 0; i < 20; i++) {
                assertEquals("-ERR Unknown command: BAD", c.command("BAD"));
            }
            assertEquals("-ERR Unknown command: BAD", c.command("BAD"));
            assertEquals("-ERR Too many bad commands.", c.line());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void badInputGetsAnErrorAndTheSessionKeepsWorking() throws Exception {
        node.append(TestNode.ALICE, M1);
        try (Pop3Client c = node.loggedIn(TestNode.ALICE, TestNode.ALICE_PW)) {
            ByteArrayOutputStream longLine = new ByteArrayOutputStream();
            longLine.writeBytes("NOOP ".getBytes(StandardCharsets.US_ASCII));
            longLine.writeBytes("x".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
            longLine.writeBytes("\r\nSTAT\r\n".getBytes(StandardCharsets.US_ASCII));
            c.raw(longLine.toByteArray());
            assertEquals("-ERR Input line too long.", c.line());
            assertEquals("+OK 1 " + M1.length(), c.line());
            c.raw("ST\0AT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("-ERR Invalid NUL byte in command.", c.line());
            c.raw(new byte[] {'R', (byte) 0xC3, (byte) 0xA9, 'T', 'R', '\r', '\n'});
            assertEquals("-ERR Unknown command: R??TR", c.line());
            c.raw("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("-ERR Unknown command: ", c.line());
            assertEquals("+OK " + M1.length() + " octets", c.command("RETR 1"));
            assertArrayEquals(M1.getBytes(StandardCharsets.US_ASCII), c.body());
            assertEquals("+OK Logging out.", c.command("QUIT"));
        }
        assertEquals(1, node.uids(TestNode.ALICE).size(), "the data is intact");
    }

    /** Logs in as alice, retrying while a session that just went away still holds the lock. */
    private Pop3Client loginWhenFree() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Pop3Client c = node.greeted();
            c.command("USER " + TestNode.ALICE);
            String r = c.command("PASS " + TestNode.ALICE_PW);
            if (r.equals("+OK Logged in.")) {
                return c;
            }
            c.close();
            assertEquals("-ERR [IN-USE] Mailbox is locked by another POP3 session.", r);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the lock was never released");
            }
            Thread.sleep(20);
        }
    }
}
