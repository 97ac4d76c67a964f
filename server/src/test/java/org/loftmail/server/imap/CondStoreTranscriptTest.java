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
import org.loftmail.core.store.FlagUpdate;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;

/**
 * RFC 7162 CONDSTORE and QRESYNC over real sockets. Expected modseqs are read from the store,
 * so the transcripts check the exact values a caching client would record.
 */
class CondStoreTranscriptTest {
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
        for (int i = 1; i <= 5; i++) {
            add("Subject: m" + i);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long add(String header) {
        String msg = header + "\r\n\r\nbody\r\n";
        return alice.append(inbox.guid(), MessageContent.of(msg.getBytes(StandardCharsets.UTF_8)), Flags.NONE, 0).uid();
    }

    private long modSeq(long uid) {
        return alice.message(inbox.guid(), uid).orElseThrow().modSeq();
    }

    private long highest() {
        return alice.status(inbox.guid()).highestModSeq();
    }

    private void flag(long uid, int flag) {
        alice.store(inbox.guid(), List.of(uid), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(flag)));
    }

    private static void select(Transcript t, String tag, String command) {
        t.send(tag + " " + command);
        t.readUntil(tag + " OK");
    }

    @Test
    void condStoreFetchStoreSearchAndStatus() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: c1 STATUS INBOX (MESSAGES HIGHESTMODSEQ)
                S: * STATUS INBOX (MESSAGES 5 HIGHESTMODSEQ %d)
                S: c1 OK Status completed.
                C: c2 SELECT INBOX (CONDSTORE)
                S: * FLAGS <*>
                S: * OK [PERMANENTFLAGS <*>
                S: * 5 EXISTS
                S: * 5 RECENT
                S: * OK [UNSEEN 1] First unseen.
                S: * OK [UIDVALIDITY %d] UIDs valid
                S: * OK [UIDNEXT 6] Predicted next UID
                S: * OK [HIGHESTMODSEQ %d] Highest
                S: c2 OK [READ-WRITE] Select completed.
                """.formatted(highest(), inbox.uidValidity(), highest()));
            long mark = highest();
            flag(2, Flags.FLAGGED);
            flag(4, Flags.SEEN);
            t.run("""
                C: c3 NOOP
                S: * 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent) MODSEQ (%d))
                S: * 4 FETCH (UID 4 FLAGS (\\Seen \\Recent) MODSEQ (%d))
                S: c3 OK NOOP completed.
                C: c4 FETCH 1:* (FLAGS) (CHANGEDSINCE %d)
                S: * 2 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ (%d))
                S: * 4 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (%d))
                S: c4 OK Fetch completed.
                C: c5 UID FETCH 1:3 (FLAGS) (CHANGEDSINCE %d)
                S: * 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent) MODSEQ (%d))
                S: c5 OK Fetch completed.
                C: c6 FETCH 1 (MODSEQ)
                S: * 1 FETCH (MODSEQ (%d))
                S: c6 OK Fetch completed.
                C: c7 SEARCH MODSEQ %d
                S: * SEARCH 2 4 (MODSEQ %d)
                S: c7 OK Search completed.
                C: c8 SEARCH RETURN (COUNT) MODSEQ %d
                S: * ESEARCH (TAG "c8") COUNT 2 MODSEQ %d
                S: c8 OK Search completed.
                C: c9 SEARCH MODSEQ %d
                S: * SEARCH
                S: c9 OK Search completed.
                """.formatted(modSeq(2), modSeq(4), mark, modSeq(2), modSeq(4), mark, modSeq(2), modSeq(1),
                    mark + 1, modSeq(4), mark + 1, modSeq(4), highest() + 1));
            long beforeStore = highest();
            // Message 2 changed after mark: a conditional STORE leaves it alone and reports it MODIFIED.
            t.send("c10 STORE 1:3 (UNCHANGEDSINCE " + mark + ") +FLAGS.SILENT (\\Deleted)");
            t.run("""
                S: * 1 FETCH (MODSEQ (%d))
                S: * 3 FETCH (MODSEQ (%d))
                S: c10 OK [MODIFIED 2] Conditional STORE failed.
                """.formatted(beforeStore + 1, beforeStore + 2));
            long h = highest();
            t.run("""
                C: c11 UID STORE 2 (UNCHANGEDSINCE %d) FLAGS (\\Answered)
                S: * 2 FETCH (FLAGS (\\Answered \\Recent) UID 2 MODSEQ (%d))
                S: c11 OK Store completed.
                C: c12 UID STORE 1,2 (UNCHANGEDSINCE 0) +FLAGS (\\Seen)
                S: c12 OK [MODIFIED 1:2] Conditional STORE failed.
                C: c13 STORE 5 +FLAGS (\\Seen)
                S: * 5 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (%d))
                S: c13 OK Store completed.
                C: c14 STORE 1 (UNCHANGEDSINCE x) +FLAGS (\\Seen)
                S: c14 BAD <*>
                """.formatted(modSeq(2), h + 1, h + 2));
        }
    }

    @Test
    void anOfflineClientGetsExactlyWhatChanged() {
        long uidValidity = inbox.uidValidity();
        long known;
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: q1 ENABLE QRESYNC
                S: * ENABLED QRESYNC
                S: q1 OK Enabled.
                """);
            select(t, "q2", "SELECT INBOX");
            known = highest();
            t.run("""
                C: q3 LOGOUT
                S: * BYE Logging out
                S: q3 OK Logout completed.
                """);
        }
        // While the client is away: two expunged, one flagged, one added, one flagged then expunged.
        flag(3, Flags.FLAGGED);
        flag(5, Flags.SEEN);
        alice.expunge(inbox.guid(), List.of(2L, 4L, 5L));
        long added = add("Subject: new");
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: r1 SELECT INBOX (QRESYNC (%d %d))
                S: r1 BAD QRESYNC isn't enabled.
                C: r2 ENABLE QRESYNC
                S: * ENABLED QRESYNC
                S: r2 OK Enabled.
                C: r3 SELECT INBOX (QRESYNC (%d %d))
                S: * FLAGS <*>
                S: * OK [PERMANENTFLAGS <*>
                S: * 3 EXISTS
                S: * 1 RECENT
                S: * OK [UNSEEN 1] First unseen.
                S: * OK [UIDVALIDITY %d] UIDs valid
                S: * OK [UIDNEXT 7] Predicted next UID
                S: * OK [HIGHESTMODSEQ %d] Highest
                S: * VANISHED (EARLIER) 2,4:5
                S: * 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (%d))
                S: * 3 FETCH (UID %d FLAGS (\\Recent) MODSEQ (%d))
                S: r3 OK [READ-WRITE] Select completed.
                C: r4 EXAMINE INBOX (QRESYNC (%d %d 1:4))
                S: * OK [CLOSED] Previous mailbox closed.
                S: * FLAGS <*>
                S: * OK [PERMANENTFLAGS ()] Read-only mailbox.
                S: * 3 EXISTS
                S: * 0 RECENT
                S: * OK [UNSEEN 1] First unseen.
                S: * OK [UIDVALIDITY %d] UIDs valid
                S: * OK [UIDNEXT 7] Predicted next UID
                S: * OK [HIGHESTMODSEQ %d] Highest
                S: * VANISHED (EARLIER) 2,4
                S: * 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (%d))
                S: r4 OK [READ-ONLY] Examine completed.
                C: r5 UID FETCH 1:* (FLAGS) (CHANGEDSINCE %d VANISHED)
                S: * VANISHED (EARLIER) 2,4:5
                S: * 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (%d))
                S: * 3 FETCH (UID %d FLAGS () MODSEQ (%d))
                S: r5 OK Fetch completed.
                C: r6 FETCH 1:* (FLAGS) (CHANGEDSINCE %d VANISHED)
                S: r6 BAD <*>
                """.formatted(uidValidity, known, uidValidity, known, uidValidity, highest(), modSeq(3), added,
                    modSeq(added), uidValidity, known, uidValidity, highest(), modSeq(3), known, modSeq(3), added,
                    modSeq(added), known));
            // A wrong UIDVALIDITY: the client's cache is useless, so nothing but the plain SELECT data.
            t.run("""
                C: r7 SELECT INBOX (QRESYNC (%d %d))
                S: * OK [CLOSED] Previous mailbox closed.
                S: * FLAGS <*>
                S: * OK [PERMANENTFLAGS <*>
                S: * 3 EXISTS
                S: * 0 RECENT
                S: * OK [UNSEEN 1] First unseen.
                S: * OK [UIDVALIDITY %d] UIDs valid
                S: * OK [UIDNEXT 7] Predicted next UID
                S: * OK [HIGHESTMODSEQ %d] Highest
                S: r7 OK [READ-WRITE] Select completed.
                """.formatted(uidValidity + 1, known, uidValidity, highest()));
            // Expunges by another session arrive as VANISHED, not EXPUNGE.
            alice.expunge(inbox.guid(), List.of(3L));
            t.run("""
                C: r8 NOOP
                S: * VANISHED 3
                S: r8 OK NOOP completed.
                """);
        }
    }
}
