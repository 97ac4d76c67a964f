package org.loftmail.server.imap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What changes once a client enables IMAP4rev2 (RFC 9051), and CREATE with SPECIAL-USE. */
class Rev2TranscriptTest {
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

    @Test
    void rev2SelectSearchAndUtf8Names() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 ENABLE IMAP4rev2
                S: * ENABLED IMAP4rev2
                S: a1 OK Enabled.
                C: a2 CREATE "Entwürfe"
                S: a2 OK Create completed.
                C: a3 APPEND "Entwürfe" (\\Draft) {10+}
                C: Subject: x
                S: a3 OK [APPENDUID <*> 1] Append completed.
                C: a4 SELECT "Entwürfe"
                S: * FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)
                S: * OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] Flags permitted.
                S: * 1 EXISTS
                S: * OK [UIDVALIDITY <*>] UIDs valid
                S: * OK [UIDNEXT 2] Predicted next UID
                S: * OK [HIGHESTMODSEQ <*>] Highest
                S: * LIST () "/" "Entwürfe"
                S: a4 OK [READ-WRITE] Select completed.
                C: a5 SEARCH DRAFT
                S: * ESEARCH (TAG "a5") ALL 1
                S: a5 OK Search completed.
                C: a6 UID SEARCH SEEN
                S: * ESEARCH (TAG "a6") UID
                S: a6 OK Search completed.
                C: a7 SELECT INBOX
                S: * OK [CLOSED] Previous mailbox closed.
                S: * FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)
                S: <*>
                S: * 0 EXISTS
                S: <*>
                S: <*>
                S: * OK [HIGHESTMODSEQ <*>] Highest
                S: * LIST () "/" INBOX
                S: a7 OK [READ-WRITE] Select completed.
                """);
        }
    }

    @Test
    void createWithSpecialUse() {
        try (Transcript t = server.login("bob")) {
            t.run("""
                C: a1 CREATE Everything (USE (\\All))
                S: a1 OK Create completed.
                C: a2 CREATE Bogus (USE (\\Nonsense))
                S: a2 NO [CANNOT] Unsupported special-use attribute \\Nonsense
                C: a3 LIST "" "Every*" RETURN (SPECIAL-USE CHILDREN)
                S: * LIST (\\HasNoChildren \\All) "/" Everything
                S: a3 OK List completed.
                """);
        }
    }
}
