package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;

/**
 * RFC 5256 SORT and THREAD, RFC 5957 DISPLAYFROM/DISPLAYTO and RFC 5267 ESORT over real
 * sockets. A first message is expunged before the test messages arrive, so UIDs are one more
 * than sequence numbers and UID SORT/THREAD answers can be told apart.
 */
class SortThreadTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;
    UserStore alice;
    MailboxInfo inbox;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        alice = server.node.store().user(new UserId("alice"));
        inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, java.util.Set.of()));
        long gone = alice.append(inbox.guid(), MessageContent.of("Subject: gone\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)),
                Flags.NONE, 0).uid();
        alice.expunge(inbox.guid(), List.of(gone));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void add(String internalDate, String header, int bodySize) {
        String msg = header.replace("\n", "\r\n") + "\r\n" + "x".repeat(bodySize) + "\r\n";
        alice.append(inbox.guid(), MessageContent.of(msg.getBytes(StandardCharsets.UTF_8)), Flags.NONE,
                Instant.parse(internalDate).toEpochMilli());
    }

    /** Five messages chosen so every criterion orders them differently. */
    private void sortMailbox() {
        add("2023-01-10T00:00:00Z", """
            From: "Zed" <alice@x.example>
            To: dave@x.example
            Cc: bob@x.example
            Subject: Re: Meeting
            Date: Mon, 02 Jan 2023 10:00:00 +0000
            """, 5000);
        add("2023-01-09T00:00:00Z", """
            From: bob@x.example
            To: "Carol" <carol@x.example>
            Subject: meeting
            Date: Sun, 01 Jan 2023 10:00:00 +0000
            """, 1000);
        add("2023-01-03T00:00:00Z", """
            From: "Adam" <carol@x.example>
            Subject: [list] Budget
            """, 3000);
        add("2023-01-01T00:00:00Z", """
            From: =?UTF-8?Q?=C3=89mile?= <emile@x.example>
            To: alice@x.example
            Subject: Fwd: budget (fwd)
            Date: Mon, 02 Jan 2023 10:00:00 +0000
            """, 2000);
        add("2023-01-05T00:00:00Z", """
            To: bob@x.example
            Date: Sat, 31 Dec 2022 23:00:00 -0200
            """, 100);
    }

    @Test
    void everyCriterionReverseAndMultipleKeys() {
        sortMailbox();
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: s0 SELECT INBOX
                S: * FLAGS <*>
                S: * OK [PERMANENTFLAGS <*>
                S: * 5 EXISTS
                S: * 5 RECENT
                S: * OK [UNSEEN 1] First unseen.
                S: * OK [UIDVALIDITY <*>] UIDs valid
                S: * OK [UIDNEXT 7] Predicted next UID
                S: * OK [HIGHESTMODSEQ <*>] Highest
                S: s0 OK [READ-WRITE] Select completed.
                C: s1 SORT (DATE) UTF-8 ALL
                S: * SORT 5 2 1 4 3
                S: s1 OK Sort completed.
                C: s2 SORT (REVERSE DATE) UTF-8 ALL
                S: * SORT 3 1 4 2 5
                S: s2 OK Sort completed.
                C: s3 SORT (ARRIVAL) US-ASCII ALL
                S: * SORT 4 3 5 2 1
                S: s3 OK Sort completed.
                C: s4 SORT (SUBJECT) UTF-8 ALL
                S: * SORT 5 3 4 1 2
                S: s4 OK Sort completed.
                C: s5 SORT (SUBJECT DATE) UTF-8 ALL
                S: * SORT 5 4 3 2 1
                S: s5 OK Sort completed.
                C: s6 SORT (SUBJECT REVERSE DATE) UTF-8 ALL
                S: * SORT 5 3 4 1 2
                S: s6 OK Sort completed.
                C: s7 SORT (REVERSE SUBJECT REVERSE DATE) UTF-8 ALL
                S: * SORT 1 2 3 4 5
                S: s7 OK Sort completed.
                C: s8 SORT (FROM) UTF-8 ALL
                S: * SORT 5 1 2 3 4
                S: s8 OK Sort completed.
                C: s9 SORT (DISPLAYFROM) UTF-8 ALL
                S: * SORT 5 3 2 4 1
                S: s9 OK Sort completed.
                C: s10 SORT (TO) UTF-8 ALL
                S: * SORT 3 4 5 2 1
                S: s10 OK Sort completed.
                C: s11 SORT (DISPLAYTO) UTF-8 ALL
                S: * SORT 3 4 5 2 1
                S: s11 OK Sort completed.
                C: s12 SORT (CC) UTF-8 ALL
                S: * SORT 2 3 4 5 1
                S: s12 OK Sort completed.
                C: s13 SORT (SIZE) UTF-8 ALL
                S: * SORT 5 2 4 3 1
                S: s13 OK Sort completed.
                C: s14 SORT (REVERSE ARRIVAL) UTF-8 SUBJECT budget
                S: * SORT 3 4
                S: s14 OK Sort completed.
                C: s15 UID SORT (DATE) UTF-8 ALL
                S: * SORT 6 3 2 5 4
                S: s15 OK Sort completed.
                C: s16 UID SORT (DATE) UTF-8 UID 2:4
                S: * SORT 3 2 4
                S: s16 OK Sort completed.
                C: s17 SORT (DATE) UTF-8 SUBJECT nothing-matches
                S: * SORT
                S: s17 OK Sort completed.
                """);
        }
    }

    @Test
    void esortReturnOptions() {
        sortMailbox();
        try (Transcript t = server.login("alice")) {
            t.send("s0 SELECT INBOX");
            t.readUntil("s0 OK [READ-WRITE]");
            t.run("""
                C: e1 SORT RETURN (MIN MAX COUNT) (DATE) UTF-8 ALL
                S: * ESEARCH (TAG "e1") MIN 5 MAX 3 COUNT 5
                S: e1 OK Sort completed.
                C: e2 SORT RETURN () (DATE) UTF-8 ALL
                S: * ESEARCH (TAG "e2") ALL 5,2,1,4,3
                S: e2 OK Sort completed.
                C: e3 UID SORT RETURN (ALL COUNT) (SUBJECT) UTF-8 ALL
                S: * ESEARCH (TAG "e3") UID ALL 6,4:5,2:3 COUNT 5
                S: e3 OK Sort completed.
                C: e4 SORT RETURN (COUNT) (DATE) UTF-8 SUBJECT nothing-matches
                S: * ESEARCH (TAG "e4") COUNT 0
                S: e4 OK Sort completed.
                """);
        }
    }

    @Test
    void badSortRequests() {
        sortMailbox();
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: b1 SORT (DATE) UTF-8 ALL
                S: b1 BAD No mailbox selected.
                """);
            t.send("b2 SELECT INBOX");
            t.readUntil("b2 OK [READ-WRITE]");
            t.run("""
                C: b3 SORT (DATE) KOI8-R ALL
                S: b3 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset.
                C: b4 SORT (BOGUS) UTF-8 ALL
                S: b4 BAD <*>
                C: b5 SORT DATE UTF-8 ALL
                S: b5 BAD <*>
                C: b6 SORT (DATE) UTF-8
                S: b6 BAD <*>
                C: b7 THREAD BOGUS UTF-8 ALL
                S: b7 BAD Unknown thread algorithm BOGUS.
                C: b8 SORT (DATE) UTF-8 ALL
                S: * SORT 5 2 1 4 3
                S: b8 OK Sort completed.
                """);
        }
    }

    /** Ten messages: a reply tree, a missing parent, a subject-only relative, a self-reference, a duplicate id. */
    private void threadMailbox() {
        String[][] m = {
            {"<1@x>", "", "", "Lunch"},
            {"<2@x>", "<1@x>", "", "Re: Lunch"},
            {"<3@x>", "", "<1@x> <2@x>", "Re: Lunch"},
            {"<4@x>", "", "<1@x>", "RE: lunch"},
            {"<5@x>", "", "<missing@x>", "Party"},
            {"<6@x>", "", "<missing@x>", "Re: Party"},
            {"", "", "", "Lunch"},
            {"<8@x>", "", "<8@x>", "Solo"},
            {"<2@x>", "", "", "Dup"},
            {"<10@x>", "<4@x>", "", "Re: Lunch"},
        };
        for (int i = 0; i < m.length; i++) {
            StringBuilder h = new StringBuilder();
            if (!m[i][0].isEmpty()) {
                h.append("Message-ID: ").append(m[i][0]).append('\n');
            }
            if (!m[i][1].isEmpty()) {
                h.append("In-Reply-To: ").append(m[i][1]).append('\n');
            }
            if (!m[i][2].isEmpty()) {
                h.append("References: ").append(m[i][2]).append('\n');
            }
            h.append("Subject: ").append(m[i][3]).append('\n');
            h.append("Date: ").append(String.format("%02d", i + 1)).append(" Mar 2024 12:00:00 +0000\n");
            add("2024-04-01T00:00:00Z", h.toString(), 10);
        }
    }

    @Test
    void threadAlgorithms() {
        threadMailbox();
        try (Transcript t = server.login("alice")) {
            t.send("t0 SELECT INBOX");
            t.readUntil("t0 OK [READ-WRITE]");
            t.run("""
                C: t1 THREAD REFERENCES UTF-8 ALL
                S: * THREAD ((1 (2 3)(4 10))(7))((5)(6))(8)(9)
                S: t1 OK Thread completed.
                C: t2 THREAD ORDEREDSUBJECT UTF-8 ALL
                S: * THREAD (1 (2)(3)(4)(7)(10))(5 6)(8)(9)
                S: t2 OK Thread completed.
                C: t3 THREAD REFS UTF-8 ALL
                S: * THREAD ((5)(6))(7)(8)(9)(1 (2 3)(4 10))
                S: t3 OK Thread completed.
                C: t4 THREAD REFERENCES UTF-8 SUBJECT party
                S: * THREAD ((5)(6))
                S: t4 OK Thread completed.
                C: t5 UID THREAD REFERENCES UTF-8 ALL
                S: * THREAD ((2 (3 4)(5 11))(8))((6)(7))(9)(10)
                S: t5 OK Thread completed.
                C: t6 THREAD REFERENCES UTF-8 NOT ALL
                S: * THREAD
                S: t6 OK Thread completed.
                C: t7 THREAD ORDEREDSUBJECT UTF-8 SUBJECT lunch
                S: * THREAD (1 (2)(3)(4)(7)(10))
                S: t7 OK Thread completed.
                """);
        }
    }

    @Test
    void aLongReplyChainIsOneThread() {
        int n = 1500;
        for (int i = 1; i <= n; i++) {
            add("2024-04-01T00:00:00Z", "Message-ID: <c" + i + "@x>\n" + (i > 1 ? "In-Reply-To: <c" + (i - 1) + "@x>\n" : "")
                    + "Subject: chain\nDate: " + Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)
                    .atZone(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME) + "\n", 1);
        }
        StringBuilder expected = new StringBuilder("* THREAD (1");
        for (int i = 2; i <= n; i++) {
            expected.append(' ').append(i);
        }
        expected.append(')');
        try (Transcript t = server.login("alice")) {
            t.send("t0 SELECT INBOX");
            t.readUntil("t0 OK [READ-WRITE]");
            t.send("t1 THREAD REFERENCES UTF-8 ALL");
            t.expectLine(expected.toString());
            t.expectLine("t1 OK Thread completed.");
        }
    }
}
