package org.loftmail.server.imap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE, DELETE, RENAME, SUBSCRIBE, LIST (extended, status), LSUB, STATUS and hostile names. */
class MailboxTranscriptTest {
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
    void specialUseMailboxesAreCreatedAtFirstLogin() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 LIST "" "*"
                S: * LIST (\\HasNoChildren \\Archive) "/" Archive
                S: * LIST (\\HasNoChildren \\Drafts) "/" Drafts
                S: * LIST (\\HasNoChildren) "/" INBOX
                S: * LIST (\\HasNoChildren \\Junk) "/" Junk
                S: * LIST (\\HasNoChildren \\Sent) "/" Sent
                S: * LIST (\\HasNoChildren \\Trash) "/" Trash
                S: a1 OK List completed.
                C: a2 LIST (SPECIAL-USE) "" "*"
                S: * LIST (\\HasNoChildren \\Archive) "/" Archive
                S: * LIST (\\HasNoChildren \\Drafts) "/" Drafts
                S: * LIST (\\HasNoChildren \\Junk) "/" Junk
                S: * LIST (\\HasNoChildren \\Sent) "/" Sent
                S: * LIST (\\HasNoChildren \\Trash) "/" Trash
                S: a2 OK List completed.
                C: a3 LSUB "" "*"
                S: * LSUB () "/" Archive
                S: * LSUB () "/" Drafts
                S: * LSUB () "/" Junk
                S: * LSUB () "/" Sent
                S: * LSUB () "/" Trash
                S: a3 OK Lsub completed.
                """);
        }
    }

    @Test
    void hierarchyCreateRenameDelete() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 CREATE owatagusiam/
                S: a1 OK Create completed.
                C: a2 CREATE owatagusiam/blurdybloop
                S: a2 OK Create completed.
                C: a3 CREATE owatagusiam
                S: a3 NO [ALREADYEXISTS] Mailbox already exists
                C: a4 LIST "" "%"
                S: * LIST (\\HasNoChildren \\Archive) "/" Archive
                S: * LIST (\\HasNoChildren \\Drafts) "/" Drafts
                S: * LIST (\\HasNoChildren) "/" INBOX
                S: * LIST (\\HasNoChildren \\Junk) "/" Junk
                S: * LIST (\\HasNoChildren \\Sent) "/" Sent
                S: * LIST (\\HasNoChildren \\Trash) "/" Trash
                S: * LIST (\\HasChildren) "/" owatagusiam
                S: a4 OK List completed.
                C: a5 LIST "owatagusiam/" "%"
                S: * LIST (\\HasNoChildren) "/" owatagusiam/blurdybloop
                S: a5 OK List completed.
                C: a6 RENAME owatagusiam sarasoop
                S: a6 OK Rename completed.
                C: a7 LIST "" "sarasoop*"
                S: * LIST (\\HasChildren) "/" sarasoop
                S: * LIST (\\HasNoChildren) "/" sarasoop/blurdybloop
                S: a7 OK List completed.
                C: a8 RENAME sarasoop sarasoop/x
                S: a8 NO [CANNOT] Can't rename mailbox under itself.
                C: a9 DELETE sarasoop
                S: a9 NO [CANNOT] Mailbox has children, delete them first
                C: b1 DELETE sarasoop/blurdybloop
                S: b1 OK Delete completed.
                C: b2 DELETE INBOX
                S: b2 NO [CANNOT] INBOX can't be deleted.
                C: b3 DELETE nosuch
                S: b3 NO [NONEXISTENT] Mailbox doesn't exist: nosuch
                C: b4 LIST "" ""
                S: * LIST (\\Noselect) "/" ""
                S: b4 OK List completed.
                """);
        }
    }

    @Test
    void internationalNamesTravelAsModifiedUtf7OrUtf8() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 CREATE "&ZeVnLIqe-"
                S: a1 OK Create completed.
                C: a2 LIST "" "&ZeVnLIqe-"
                S: * LIST (\\HasNoChildren) "/" &ZeVnLIqe-
                S: a2 OK List completed.
                C: a3 CREATE "&Jjo-!"
                S: a3 OK Create completed.
                C: a4 CREATE "&Jjo"
                S: a4 NO [CANNOT] Invalid mailbox name.
                C: a5 ENABLE UTF8=ACCEPT
                S: * ENABLED UTF8=ACCEPT
                S: a5 OK Enabled.
                C: a6 LIST "" "日本語"
                S: * LIST (\\HasNoChildren) "/" "日本語"
                S: a6 OK List completed.
                """);
        }
    }

    @Test
    void namesThatTryToLeaveTheUsersMailAreRefused() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 CREATE ../bob/INBOX
                S: a1 NO [CANNOT] Invalid mailbox name.
                C: a2 CREATE /etc/passwd
                S: a2 NO [CANNOT] Invalid mailbox name.
                C: a3 CREATE "a/../../b"
                S: a3 NO [CANNOT] Invalid mailbox name.
                C: a4 CREATE "x*"
                S: a4 NO [CANNOT] Invalid mailbox name.
                C: a5 CREATE "x%y"
                S: a5 NO [CANNOT] Invalid mailbox name.
                C: a6 SELECT "../bob/INBOX"
                S: a6 NO [CANNOT] Invalid mailbox name.
                C: a7 STATUS "&AC8-etc" (MESSAGES)
                S: a7 NO [CANNOT] Invalid mailbox name.
                C: a8 CREATE "a//b"
                S: a8 NO [CANNOT] Invalid mailbox name.
                C: a9 LIST "../" "*"
                S: a9 OK List completed.
                """);
        }
        try (Transcript t = server.login("bob")) {
            t.run("""
                C: b1 LIST "" "*"
                S: * LIST (\\HasNoChildren \\Archive) "/" Archive
                S: * LIST (\\HasNoChildren \\Drafts) "/" Drafts
                S: * LIST (\\HasNoChildren) "/" INBOX
                S: * LIST (\\HasNoChildren \\Junk) "/" Junk
                S: * LIST (\\HasNoChildren \\Sent) "/" Sent
                S: * LIST (\\HasNoChildren \\Trash) "/" Trash
                S: b1 OK List completed.
                """);
        }
    }

    @Test
    void subscriptionsAndListExtended() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 CREATE foo/bar
                S: a1 OK Create completed.
                C: a2 SUBSCRIBE foo/bar
                S: a2 OK Subscribe completed.
                C: a3 SUBSCRIBE nosuch
                S: a3 NO [NONEXISTENT] Mailbox doesn't exist: nosuch
                C: a4 LIST (SUBSCRIBED) "" "foo*"
                S: * LIST (\\Subscribed \\HasNoChildren) "/" foo/bar
                S: a4 OK List completed.
                C: a5 LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"
                S: * LIST (\\Subscribed \\HasNoChildren \\Archive) "/" Archive
                S: * LIST (\\Subscribed \\HasNoChildren \\Drafts) "/" Drafts
                S: * LIST (\\Subscribed \\HasNoChildren \\Junk) "/" Junk
                S: * LIST (\\Subscribed \\HasNoChildren \\Sent) "/" Sent
                S: * LIST (\\Subscribed \\HasNoChildren \\Trash) "/" Trash
                S: * LIST (\\HasChildren) "/" foo ("CHILDINFO" ("SUBSCRIBED"))
                S: a5 OK List completed.
                C: a6 LSUB "" "%"
                S: * LSUB () "/" Archive
                S: * LSUB () "/" Drafts
                S: * LSUB () "/" Junk
                S: * LSUB () "/" Sent
                S: * LSUB () "/" Trash
                S: * LSUB (\\Noselect) "/" foo
                S: a6 OK Lsub completed.
                C: a7 DELETE foo/bar
                S: a7 OK Delete completed.
                C: a8 LIST (SUBSCRIBED) "" "foo/*"
                S: * LIST (\\NonExistent \\Subscribed) "/" foo/bar
                S: a8 OK List completed.
                C: a9 UNSUBSCRIBE foo/bar
                S: a9 OK Unsubscribe completed.
                C: b1 LIST "" "foo/*" RETURN (SUBSCRIBED)
                S: b1 OK List completed.
                """);
        }
    }

    @Test
    void statusAndListStatus() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a1 APPEND INBOX (\\Seen) {10+}
                C: Subject: a
                S: a1 OK [APPENDUID <*> 1] Append completed.
                C: a2 APPEND INBOX (\\Deleted) {10+}
                C: Subject: b
                S: a2 OK [APPENDUID <*> 2] Append completed.
                C: a3 STATUS INBOX (MESSAGES UIDNEXT UNSEEN DELETED SIZE RECENT)
                S: * STATUS INBOX (MESSAGES 2 UIDNEXT 3 UNSEEN 1 DELETED 1 SIZE 20 RECENT 0)
                S: a3 OK Status completed.
                C: a4 STATUS INBOX (UIDVALIDITY HIGHESTMODSEQ APPENDLIMIT)
                S: * STATUS INBOX (UIDVALIDITY <*> HIGHESTMODSEQ <*> APPENDLIMIT 67108864)
                S: a4 OK Status completed.
                C: a5 LIST "" "I*" RETURN (STATUS (MESSAGES UNSEEN))
                S: * LIST (\\HasNoChildren) "/" INBOX
                S: * STATUS INBOX (MESSAGES 2 UNSEEN 1)
                S: a5 OK List completed.
                C: a6 STATUS INBOX (FOO)
                S: a6 BAD <*>
                C: a7 STATUS nosuch (MESSAGES)
                S: a7 NO [NONEXISTENT] Mailbox doesn't exist: nosuch
                """);
        }
    }
}
