package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** RFC 5182 SEARCHRES ({@code RETURN (SAVE)} and {@code $}) and RFC 5032 WITHIN over real sockets. */
class SearchResTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        UserStore alice = server.node.store().user(new UserId("alice"));
        MailboxInfo inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        long now = System.currentTimeMillis();
        long[] ages = {10 * 86_400_000L, 2 * 3_600_000L, 30 * 60_000L, 5 * 60_000L, 3 * 86_400_000L};
        int[] flags = {Flags.FLAGGED, 0, Flags.FLAGGED, 0, Flags.FLAGGED};
        for (int i = 0; i < ages.length; i++) {
            String msg = "Subject: m" + (i + 1) + "\r\n\r\nbody\r\n";
            alice.append(inbox.guid(), MessageContent.of(msg.getBytes(StandardCharsets.UTF_8)), Flags.ofSystem(flags[i]),
                    now - ages[i]);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withinCountsBackFromNow() {
        try (Transcript t = server.login("alice")) {
            t.send("s SELECT INBOX");
            t.readUntil("s OK");
            t.run("""
                C: w1 SEARCH YOUNGER 3600
                S: * SEARCH 3 4
                S: w1 OK Search completed.
                C: w2 SEARCH OLDER 86400
                S: * SEARCH 1 5
                S: w2 OK Search completed.
                C: w3 SEARCH OLDER 3600 YOUNGER 86400
                S: * SEARCH 2
                S: w3 OK Search completed.
                C: w4 SEARCH YOUNGER x
                S: w4 BAD <*>
                """);
        }
    }

    /** RFC 5267 section 3.2: SORT RETURN (SAVE) keeps the matches as a set; with MIN/MAX only, those. */
    @Test
    void sortSavesItsResult() {
        try (Transcript t = server.login("alice")) {
            t.send("s SELECT INBOX");
            t.readUntil("s OK");
            // Internal dates, oldest first: 1, 5, 2, 3, 4. Flagged: 1, 3, 5.
            t.run("""
                C: o1 SORT RETURN (SAVE) (DATE) UTF-8 FLAGGED
                S: o1 OK Sort completed.
                C: o2 SEARCH $
                S: * SEARCH 1 3 5
                S: o2 OK Search completed.
                C: o3 SORT RETURN (SAVE MIN) (REVERSE DATE) UTF-8 ALL
                S: * ESEARCH (TAG "o3") MIN 4
                S: o3 OK Sort completed.
                C: o4 SEARCH $
                S: * SEARCH 4
                S: o4 OK Search completed.
                C: o5 SORT RETURN (SAVE MAX) (DATE) UTF-8 FLAGGED
                S: * ESEARCH (TAG "o5") MAX 3
                S: o5 OK Sort completed.
                C: o6 FETCH $ (UID)
                S: * 3 FETCH (UID 3)
                S: o6 OK Fetch completed.
                C: o7 SORT RETURN (SAVE MIN MAX) (DATE) UTF-8 FLAGGED
                S: * ESEARCH (TAG "o7") MIN 1 MAX 3
                S: o7 OK Sort completed.
                C: o8 SEARCH $
                S: * SEARCH 1 3
                S: o8 OK Search completed.
                C: o9 SORT RETURN (SAVE COUNT) (DATE) UTF-8 NOT FLAGGED
                S: * ESEARCH (TAG "o9") COUNT 2
                S: o9 OK Sort completed.
                C: oa SEARCH $
                S: * SEARCH 2 4
                S: oa OK Search completed.
                C: ob SORT RETURN (SAVE) (DATE) UTF-8 CHARSET-NONSENSE
                S: ob BAD <*>
                C: oc SORT RETURN (SAVE) (DATE) UTF-8 UID 99
                S: oc OK Sort completed.
                C: od SEARCH $
                S: * SEARCH
                S: od OK Search completed.
                """);
        }
    }

    @Test
    void savedResultIsUsedWhereASetCanBe() {
        try (Transcript t = server.login("alice")) {
            t.send("s SELECT INBOX");
            t.readUntil("s OK");
            t.run("""
                C: r1 SEARCH RETURN (SAVE) FLAGGED
                S: r1 OK Search completed.
                C: r2 FETCH $ (UID)
                S: * 1 FETCH (UID 1)
                S: * 3 FETCH (UID 3)
                S: * 5 FETCH (UID 5)
                S: r2 OK Fetch completed.
                C: r3 SEARCH $ YOUNGER 3600
                S: * SEARCH 3
                S: r3 OK Search completed.
                C: r4 UID SEARCH OR UID $ SUBJECT m2
                S: * SEARCH 1 2 3 5
                S: r4 OK Search completed.
                C: r5 STORE $ +FLAGS.SILENT (\\Seen)
                S: r5 OK Store completed.
                C: r6 SEARCH SEEN
                S: * SEARCH 1 3 5
                S: r6 OK Search completed.
                C: r7 SEARCH RETURN (SAVE MIN) FLAGGED
                S: * ESEARCH (TAG "r7") MIN 1
                S: r7 OK Search completed.
                C: r8 UID FETCH $ (FLAGS)
                S: * 1 FETCH (UID 1 FLAGS (\\Seen \\Flagged \\Recent))
                S: r8 OK Fetch completed.
                C: r9 SEARCH RETURN (SAVE ALL COUNT) NOT FLAGGED
                S: * ESEARCH (TAG "r9") ALL 2,4 COUNT 2
                S: r9 OK Search completed.
                C: r10 COPY $ INBOX
                S: * 7 EXISTS
                S: * 7 RECENT
                S: r10 OK [COPYUID <*> 2,4 6:7] Copy completed.
                C: r11 SEARCH RETURN (SAVE) CHARSET KOI8-R ALL
                S: r11 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset.
                C: r12 FETCH $ (UID)
                S: r12 OK Fetch completed.
                C: r13 SEARCH RETURN (SAVE) ALL
                S: r13 OK Search completed.
                C: r14 SELECT INBOX
                """);
            t.readUntil("r14 OK");
            // A new SELECT forgets the saved result.
            t.run("""
                C: r15 SEARCH $
                S: * SEARCH
                S: r15 OK Search completed.
                """);
        }
    }
}
