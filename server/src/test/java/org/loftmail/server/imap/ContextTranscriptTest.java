package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
 * RFC 5267 CONTEXT=SEARCH and CONTEXT=SORT over a real socket: PARTIAL (with RFC 9394's ranges
 * from the end), and UPDATE: ADDTO after EXISTS, REMOVEFROM before EXPUNGE, positions in sort
 * order, this session's own flag changes, CANCELUPDATE and the limit on contexts.
 */
class ContextTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;
    UserStore alice;
    MailboxInfo inbox;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        alice = server.node.store().user(new UserId("alice"));
        inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        // 1 d seen, 2 c, 3 b seen, 4 a, 5 e: unseen are 2, 4, 5; by subject 4 3 2 1 5.
        add("d", Flags.SEEN);
        add("c", 0);
        add("b", Flags.SEEN);
        add("a", 0);
        add("e", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void add(String subject, int flags) {
        String msg = "Subject: " + subject + "\r\n\r\nbody\r\n";
        // Internal date 1 June 2021.
        alice.append(inbox.guid(), MessageContent.of(msg.getBytes(StandardCharsets.US_ASCII)), Flags.ofSystem(flags),
                1_622_505_600_000L);
    }

    @Test
    void partialRanges() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: p1 UID SEARCH RETURN (PARTIAL 2:3) ALL
                S: * ESEARCH (TAG "p1") UID PARTIAL (2:3 2:3)
                S: p1 OK Search completed.
                C: p2 SEARCH RETURN (PARTIAL -1:-2 COUNT) ALL
                S: * ESEARCH (TAG "p2") COUNT 5 PARTIAL (-1:-2 4:5)
                S: p2 OK Search completed.
                C: p3 SEARCH RETURN (PARTIAL 10:20) ALL
                S: * ESEARCH (TAG "p3") PARTIAL (10:20 NIL)
                S: p3 OK Search completed.
                C: p4 SEARCH RETURN (PARTIAL 3:1) UNSEEN
                S: * ESEARCH (TAG "p4") PARTIAL (1:3 2,4:5)
                S: p4 OK Search completed.
                C: q1 SORT RETURN (PARTIAL 1:2) (SUBJECT) UTF-8 ALL
                S: * ESEARCH (TAG "q1") PARTIAL (1:2 4,3)
                S: q1 OK Sort completed.
                C: q2 SORT RETURN (PARTIAL -2:-1) (SUBJECT) UTF-8 ALL
                S: * ESEARCH (TAG "q2") PARTIAL (-1:-2 1,5)
                S: q2 OK Sort completed.
                C: r1 SEARCH RETURN (SAVE PARTIAL 2:3) ALL
                S: * ESEARCH (TAG "r1") PARTIAL (2:3 2:3)
                S: r1 OK Search completed.
                C: r2 SEARCH $
                S: * SEARCH 2 3
                S: r2 OK Search completed.
                C: b1 SEARCH RETURN (PARTIAL 1:2 ALL) ALL
                S: b1 BAD <*>
                C: b2 SEARCH RETURN (PARTIAL 0:2) ALL
                S: b2 BAD <*>
                C: b3 SEARCH RETURN (PARTIAL 1:-2) ALL
                S: b3 BAD <*>
                C: b4 SEARCH RETURN (PARTIAL 1:2 PARTIAL 3:4) ALL
                S: b4 BAD <*>
                C: b5 SEARCH RETURN (PARTIAL 1:*) ALL
                S: b5 BAD <*>
                """);
        }
    }

    @Test
    void searchUpdatesFollowFlagsArrivalsAndExpunges() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: a UID SEARCH RETURN (ALL UPDATE) UNSEEN
                S: * ESEARCH (TAG "a") UID ALL 2,4:5
                S: a OK Search completed.
                C: a UID SEARCH RETURN (UPDATE) ALL
                S: a BAD <*>
                C: b UID STORE 2 +FLAGS.SILENT (\\Seen)
                S: * ESEARCH (TAG "a") UID REMOVEFROM (0 2)
                S: b OK <*>
                """);
            add("f", 0); // another session delivers: UID 6
            t.run("""
                C: c NOOP
                S: * 6 EXISTS
                S: * <*> RECENT
                S: * ESEARCH (TAG "a") UID ADDTO (0 6)
                S: c OK NOOP completed.
                """);
            alice.expunge(inbox.guid(), List.of(4L));
            t.run("""
                C: d NOOP
                S: * ESEARCH (TAG "a") UID REMOVEFROM (0 4)
                S: * 4 EXPUNGE
                S: d OK NOOP completed.
                C: e CANCELUPDATE "a"
                S: e OK Updates cancelled.
                C: f STORE 1 -FLAGS.SILENT (\\Seen)
                S: f OK <*>
                C: g CANCELUPDATE "a"
                S: g NO <*>
                C: h CANCELUPDATE
                S: h BAD <*>
                """);
        }
    }

    @Test
    void sortUpdatesCarryPositions() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: c SORT RETURN (ALL UPDATE) (SUBJECT) UTF-8 UNSEEN
                S: * ESEARCH (TAG "c") ALL 4,2,5
                S: c OK Sort completed.
                """);
            add("bb", 0); // number 6, between a and c
            t.run("""
                C: n NOOP
                S: * 6 EXISTS
                S: * <*> RECENT
                S: * ESEARCH (TAG "c") ADDTO (2 6)
                S: n OK NOOP completed.
                C: s STORE 2 +FLAGS.SILENT (\\Seen)
                S: * ESEARCH (TAG "c") REMOVEFROM (3 2)
                S: s OK <*>
                """);
            alice.expunge(inbox.guid(), List.of(4L));
            // Sequence numbers from before the EXPUNGE; then 5 and 6 become 4 and 5.
            t.run("""
                C: x NOOP
                S: * ESEARCH (TAG "c") REMOVEFROM (1 4)
                S: * 4 EXPUNGE
                S: x OK NOOP completed.
                C: y STORE 1:5 -FLAGS.SILENT (\\Seen)
                S: * ESEARCH (TAG "c") ADDTO (1 3 3 2 4 1)
                S: y OK <*>
                """);
        }
    }

    @Test
    void contextsAreLimitedAndEndWithTheSelection() {
        try (Transcript t = server.loginSelected("alice")) {
            for (int i = 0; i < 10; i++) {
                t.send("k" + i + " UID SEARCH RETURN (UPDATE) UNSEEN");
                t.expectLine("* ESEARCH (TAG \"k" + i + "\") UID");
                t.expectLine("k" + i + " OK Search completed.");
            }
            t.run("""
                C: k10 UID SEARCH RETURN (COUNT UPDATE) UNSEEN
                S: * ESEARCH (TAG "k10") UID COUNT 3
                S: * NO [NOUPDATE "k10"] Too many updating searches.
                S: k10 OK Search completed.
                C: s2 SELECT INBOX
                """);
            t.readUntil("s2 OK");
            t.run("""
                C: u UID STORE 2 +FLAGS.SILENT (\\Seen)
                S: u OK <*>
                C: v CANCELUPDATE "k0"
                S: v NO <*>
                """);
        }
    }

    /**
     * A search on flags and dates alone is answered from the session's view of the mailbox: it
     * must see this session's flag changes, another session's, new mail and expunges.
     */
    @Test
    void flagSearchesSeeEveryChange() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: a SEARCH UNSEEN
                S: * SEARCH 2 4 5
                S: a OK Search completed.
                C: b STORE 2 +FLAGS.SILENT (\\Seen \\Flagged)
                S: b OK <*>
                C: c SEARCH UNSEEN
                S: * SEARCH 4 5
                S: c OK Search completed.
                """);
            alice.store(inbox.guid(), List.of(4L), new org.loftmail.core.store.FlagUpdate(
                    org.loftmail.core.store.FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN | Flags.DELETED)));
            add("g", Flags.FLAGGED);
            t.run("""
                C: d SEARCH UNSEEN
                S: * 6 EXISTS
                S: * <*> RECENT
                S: * 4 FETCH (FLAGS (\\Seen \\Deleted<*>))
                S: * SEARCH 5 6
                S: d OK Search completed.
                C: e SEARCH FLAGGED NOT DELETED SINCE 1-Jan-2021
                S: * SEARCH 2 6
                S: e OK Search completed.
                C: e2 SEARCH OR BEFORE 1-Jun-2021 ON 2-Jun-2021
                S: * SEARCH
                S: e2 OK Search completed.
                C: f UID SEARCH OR DELETED UID 1:2
                S: * SEARCH 1 2 4
                S: f OK Search completed.
                """);
            alice.expunge(inbox.guid(), List.of(1L));
            t.run("""
                C: g SEARCH SEEN
                S: * SEARCH 2 3 4
                S: g OK Search completed.
                C: h NOOP
                S: * 1 EXPUNGE
                S: h OK NOOP completed.
                C: i SEARCH SEEN
                S: * SEARCH 1 2 3
                S: i OK Search completed.
                """);
        }
    }
}
