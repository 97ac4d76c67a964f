package org.loftmail.server.imap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** APPEND, SELECT/EXAMINE, STORE, COPY, MOVE, EXPUNGE, CLOSE, UNSELECT, SEARCH and IDLE. */
class MessageTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void append(Transcript t, String tag, String mailbox, String flags, String message, long uid) {
        t.run("""
            C: %s APPEND %s (%s) {%d+}
            C: %s
            S: %s OK [APPENDUID <*> %d] Append completed.
            """.formatted(tag, mailbox, flags, message.length(), message, tag, uid));
    }

    @Test
    void appendWithSynchronizingLiteralDateAndMultiappend() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 APPEND INBOX (\\Seen) "17-Jul-1996 02:44:25 -0700" {12}
                S: + OK
                C: Subject: one
                S: a1 OK [APPENDUID <*> 1] Append completed.
                C: a2 APPEND INBOX {12+}
                C: Subject: two {12+}
                C: Subject: thr
                S: a2 OK [APPENDUID <*> 2:3] Append completed.
                C: a3 APPEND nosuch {5+}
                C: hello
                S: a3 NO [TRYCREATE] Mailbox doesn't exist: nosuch
                C: a4 APPEND INBOX (\\Bogus) {5+}
                C: hello
                S: a4 BAD Invalid system flag \\Bogus
                C: a5 APPEND INBOX {0+}
                C:\040
                S: a5 NO [CANNOT] Can't save a zero byte message.
                C: a6 STATUS INBOX (MESSAGES UNSEEN)
                S: * STATUS INBOX (MESSAGES 3 UNSEEN 2)
                S: a6 OK Status completed.
                """);
        }
    }

    @Test
    void selectExamineAndTheirResponses() {
        try (Transcript t = server.login("alice")) {
            append(t, "a1", "INBOX", "\\Seen", "Subject: a", 1);
            append(t, "a2", "INBOX", "$Important", "Subject: b", 2);
            t.run("""
                C: a3 SELECT INBOX
                S: * FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Important)
                S: * OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Important \\*)] Flags permitted.
                S: * 2 EXISTS
                S: * 2 RECENT
                S: * OK [UNSEEN 2] First unseen.
                S: * OK [UIDVALIDITY <*>] UIDs valid
                S: * OK [UIDNEXT 3] Predicted next UID
                S: * OK [HIGHESTMODSEQ <*>] Highest
                S: a3 OK [READ-WRITE] Select completed.
                C: a4 EXAMINE INBOX
                S: * FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Important)
                S: * OK [PERMANENTFLAGS ()] Read-only mailbox.
                S: * 2 EXISTS
                S: * 0 RECENT
                S: * OK [UNSEEN 2] First unseen.
                S: * OK [UIDVALIDITY <*>] UIDs valid
                S: * OK [UIDNEXT 3] Predicted next UID
                S: * OK [HIGHESTMODSEQ <*>] Highest
                S: a4 OK [READ-ONLY] Examine completed.
                C: a5 STORE 1 +FLAGS (\\Deleted)
                S: a5 NO [READ-ONLY] Mailbox is read-only.
                C: a6 SELECT nosuch
                S: a6 NO [NONEXISTENT] Mailbox doesn't exist: nosuch
                C: a7 STORE 1 +FLAGS (\\Deleted)
                S: a7 BAD No mailbox selected.
                """);
        }
    }

    @Test
    void storeFlagsInEveryModeAndSilently() {
        try (Transcript t = server.login("alice")) {
            append(t, "a1", "INBOX", "", "Subject: a", 1);
            append(t, "a2", "INBOX", "", "Subject: b", 2);
            t.run("""
                C: s1 SELECT INBOX
                S: <*>
                S: <*>
                S: * 2 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: s1 OK [READ-WRITE] Select completed.
                C: a3 STORE 1:2 +FLAGS (\\Flagged $Work)
                S: * 1 FETCH (FLAGS (\\Flagged \\Recent $Work))
                S: * 2 FETCH (FLAGS (\\Flagged \\Recent $Work))
                S: a3 OK Store completed.
                C: a4 STORE 2 -FLAGS (\\Flagged)
                S: * 2 FETCH (FLAGS (\\Recent $Work))
                S: a4 OK Store completed.
                C: a5 UID STORE 1 FLAGS (\\Seen)
                S: * 1 FETCH (FLAGS (\\Seen \\Recent) UID 1)
                S: a5 OK Store completed.
                C: a6 STORE 1:* +FLAGS.SILENT (\\Answered)
                S: a6 OK Store completed.
                C: a7 STORE 3 +FLAGS (\\Seen)
                S: a7 BAD Invalid messageset.
                C: a8 STORE 1 +FLAGS (bad"keyword)
                S: a8 BAD <*>
                C: a9 SEARCH ANSWERED SEEN
                S: * SEARCH 1
                S: a9 OK Search completed.
                C: b1 UID SEARCH KEYWORD $Work NOT SEEN
                S: * SEARCH 2
                S: b1 OK Search completed.
                C: b2 SEARCH RETURN (MIN MAX COUNT) ANSWERED
                S: * ESEARCH (TAG "b2") MIN 1 MAX 2 COUNT 2
                S: b2 OK Search completed.
                C: b3 SEARCH CHARSET KOI8-R ALL
                S: b3 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset.
                C: b4 SEARCH SUBJECT "b"
                S: * SEARCH 2
                S: b4 OK Search completed.
                """);
        }
    }

    @Test
    void copyMoveExpungeWithUidplus() {
        try (Transcript t = server.login("alice")) {
            for (int i = 1; i <= 4; i++) {
                append(t, "p" + i, "INBOX", "", "Subject: " + i, i);
            }
            t.run("""
                C: s1 SELECT INBOX
                S: <*>
                S: <*>
                S: * 4 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: s1 OK [READ-WRITE] Select completed.
                C: a1 COPY 1:2 Trash
                S: a1 OK [COPYUID <*> 1:2 1:2] Copy completed.
                C: a2 COPY 1 nosuch
                S: a2 NO [TRYCREATE] Mailbox doesn't exist: nosuch
                C: a3 UID MOVE 3 Archive
                S: * OK [COPYUID <*> 3 1] Moved UIDs.
                S: * 3 EXPUNGE
                S: a3 OK Move completed.
                C: a4 STORE 1 +FLAGS.SILENT (\\Deleted)
                S: a4 OK Store completed.
                C: a5 UID EXPUNGE 2:4
                S: a5 OK Expunge completed.
                C: a6 EXPUNGE
                S: * 1 EXPUNGE
                S: a6 OK Expunge completed.
                C: a7 UID SEARCH ALL
                S: * SEARCH 2 4
                S: a7 OK Search completed.
                C: a8 STORE 2 +FLAGS.SILENT (\\Deleted)
                S: a8 OK Store completed.
                C: a9 CLOSE
                S: a9 OK Close completed.
                C: b1 STATUS INBOX (MESSAGES)
                S: * STATUS INBOX (MESSAGES 1)
                S: b1 OK Status completed.
                C: b2 STATUS Trash (MESSAGES)
                S: * STATUS Trash (MESSAGES 2)
                S: b2 OK Status completed.
                C: b3 EXAMINE Archive
                S: <*>
                S: <*>
                S: * 1 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: b3 OK [READ-ONLY] Examine completed.
                C: b4 UNSELECT
                S: b4 OK Unselect completed.
                C: b5 CHECK
                S: b5 BAD No mailbox selected.
                """);
        }
    }

    @Test
    void twoSessionsSeeEachOthersChangesAtTheRightMoments() {
        try (Transcript a = server.login("alice"); Transcript b = server.login("alice")) {
            append(a, "p1", "INBOX", "", "Subject: 1", 1);
            append(a, "p2", "INBOX", "", "Subject: 2", 2);
            String select = """
                C: s1 SELECT INBOX
                S: <*>
                S: <*>
                S: * 2 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: s1 OK [READ-WRITE] Select completed.
                """;
            a.run(select);
            // The first session to select gets the messages as \\Recent, the second does not.
            b.run("""
                C: s1 SELECT INBOX
                S: <*>
                S: <*>
                S: * 2 EXISTS
                S: * 0 RECENT
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: s1 OK [READ-WRITE] Select completed.
                """);
            // b changes flags, expunges 1 and appends: a hears nothing until it asks.
            b.run("""
                C: b1 STORE 1 +FLAGS (\\Deleted)
                S: * 1 FETCH (FLAGS (\\Deleted))
                S: b1 OK Store completed.
                C: b2 STORE 2 +FLAGS.SILENT (\\Flagged)
                S: b2 OK Store completed.
                C: b3 EXPUNGE
                S: * 1 EXPUNGE
                S: b3 OK Expunge completed.
                """);
            b.run("""
                C: b4 APPEND INBOX {10+}
                C: Subject: 3
                S: * 2 EXISTS
                S: * 1 RECENT
                S: b4 OK [APPENDUID <*> 3] Append completed.
                """);
            // A FETCH/STORE/SEARCH must not report the expunge (RFC 3501 7.4.1): numbers stay.
            // b was first to see message 3, so it is not \Recent for a: a still has 2 recent.
            a.run("""
                C: a1 SEARCH ALL
                S: * 3 EXISTS
                S: * 2 RECENT
                S: * 2 FETCH (FLAGS (\\Flagged \\Recent))
                S: * SEARCH 2 3
                S: a1 OK Search completed.
                C: a2 NOOP
                S: * 1 EXPUNGE
                S: a2 OK NOOP completed.
                C: a3 UID SEARCH ALL
                S: * SEARCH 2 3
                S: a3 OK Search completed.
                """);
        }
    }

    @Test
    void idleReportsNewMailAndExpungesAsTheyCommit() {
        try (Transcript idler = server.login("alice"); Transcript other = server.login("alice")) {
            idler.run("""
                C: s1 SELECT INBOX
                S: <*>
                S: <*>
                S: * 0 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: s1 OK [READ-WRITE] Select completed.
                C: i1 IDLE
                S: + idling
                """);
            append(other, "a1", "INBOX", "", "Subject: new", 1);
            idler.run("""
                S: * 1 EXISTS
                S: * 1 RECENT
                """);
            other.run("""
                C: a3 SELECT INBOX
                S: <*>
                S: <*>
                S: * 1 EXISTS
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: <*>
                S: a3 OK [READ-WRITE] Select completed.
                C: a2 UID STORE 1 +FLAGS.SILENT (\\Deleted)
                S: a2 OK Store completed.
                """);
            idler.expectLine("* 1 FETCH (FLAGS (\\Deleted \\Recent))");
            other.run("""
                C: a4 EXPUNGE
                S: * 1 EXPUNGE
                S: a4 OK Expunge completed.
                """);
            idler.run("""
                S: * 1 EXPUNGE
                C: DONE
                S: i1 OK Idle completed.
                C: i2 IDLE
                S: + idling
                C: NOTDONE
                S: i2 BAD Expected DONE.
                """);
        }
    }
}
