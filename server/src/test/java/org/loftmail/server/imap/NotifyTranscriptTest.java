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
 * RFC 5465 NOTIFY over a real socket: changes made elsewhere (here through the store, as LMTP
 * or another session would) arrive without the client sending a command.
 */
class NotifyTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;
    UserStore alice;
    MailboxInfo inbox;
    MailboxInfo other;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        alice = server.node.store().user(new UserId("alice"));
        inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        other = alice.create(MailboxName.of("Other"), Set.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long deliver(MailboxInfo box) {
        return alice.append(box.guid(), MessageContent.of("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                Flags.NONE, 0).uid();
    }

    @Test
    void changesArriveBetweenCommands() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: n1 NOTIFY SET (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange)) (personal (MessageNew MessageExpunge MailboxName SubscriptionChange))
                S: n1 OK NOTIFY completed.
                """);
            long uid = deliver(inbox);
            t.run("""
                S: * 1 EXISTS
                S: * 1 RECENT
                S: * 1 FETCH (UID 1 FLAGS (\\Recent))
                """);
            alice.store(inbox.guid(), List.of(uid), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.FLAGGED)));
            t.run("""
                S: * 1 FETCH (UID 1 FLAGS (\\Flagged \\Recent))
                """);
            deliver(other);
            t.run("""
                S: * STATUS Other (MESSAGES 1 UIDNEXT 2 UIDVALIDITY <*> UNSEEN 1)
                """);
            alice.expunge(inbox.guid(), List.of(uid));
            t.run("""
                S: * 1 EXPUNGE
                """);
            alice.create(MailboxName.of("New"), Set.of());
            t.run("""
                S: * LIST (\\HasNoChildren) "/" New
                """);
            alice.rename(MailboxName.of("New"), MailboxName.of("Newer"));
            t.run("""
                S: * LIST (\\HasNoChildren) "/" Newer ("OLDNAME" (New))
                """);
            alice.delete(MailboxName.of("Newer"));
            t.run("""
                S: * LIST (\\NonExistent) "/" Newer
                """);
            alice.subscribe(MailboxName.of("Other"), true);
            t.run("""
                S: * LIST (\\Subscribed \\HasNoChildren) "/" Other
                C: n2 NOTIFY SET STATUS (mailboxes Other (MessageNew MessageExpunge))
                S: * STATUS Other (MESSAGES 1 UIDNEXT 2 UIDVALIDITY <*> UNSEEN 1)
                S: n2 OK NOTIFY completed.
                C: n3 NOTIFY NONE
                S: n3 OK NOTIFY completed.
                """);
            deliver(other);
            t.run("""
                C: n4 NOOP
                S: n4 OK NOOP completed.
                """);
        }
    }

    @Test
    void selectedDelayedKeepsExpungesForACommand() {
        long first = deliver(inbox);
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: n1 NOTIFY SET (selected-delayed (MessageNew MessageExpunge))
                S: n1 OK NOTIFY completed.
                """);
            alice.expunge(inbox.guid(), List.of(first));
            deliver(inbox);
            // The new message is told at once, the expunge only when a command allows it.
            t.run("""
                S: * 2 EXISTS
                S: * <*> RECENT
                C: n2 NOOP
                S: * 1 EXPUNGE
                S: n2 OK NOOP completed.
                """);
        }
    }

    /**
     * Without a selected filter (or after NOTIFY NONE) the selected mailbox's new messages and
     * flag changes are not told, not even at commands; new messages wait until a filter asks
     * for them. Expunges are still told where a command allows them, as Dovecot does.
     */
    @Test
    void withoutSelectedFilterTheSelectedMailboxIsQuiet() {
        long first = deliver(inbox);
        long second = deliver(inbox);
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: n1 NOTIFY SET (personal (MessageNew MessageExpunge))
                S: n1 OK NOTIFY completed.
                """);
            deliver(inbox);
            alice.store(inbox.guid(), List.of(first), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.FLAGGED)));
            t.run("""
                C: a NOOP
                S: a OK NOOP completed.
                C: b SEARCH FLAGGED
                S: * SEARCH 1
                S: b OK <*>
                C: c SEARCH ALL
                S: * SEARCH 1 2
                S: c OK <*>
                C: d NOTIFY SET (selected (MessageNew MessageExpunge))
                S: * 3 EXISTS
                S: * <*> RECENT
                S: d OK NOTIFY completed.
                C: e NOTIFY NONE
                S: e OK NOTIFY completed.
                """);
            deliver(inbox);
            alice.expunge(inbox.guid(), List.of(second));
            t.run("""
                C: f NOOP
                S: * 2 EXPUNGE
                S: f OK NOOP completed.
                """);
        }
    }

    /**
     * RFC 5465 section 5.2 with RFC 5267: MessageNew's FETCH follows its EXISTS, before the
     * ESEARCH update of a running search; also when a command, not a push, reports the message.
     */
    @Test
    void newMessageFetchComesBeforeSearchUpdates() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: n1 NOTIFY SET (selected (MessageNew (UID) MessageExpunge))
                S: n1 OK NOTIFY completed.
                C: u1 UID SEARCH RETURN (UPDATE) UNSEEN
                S: * ESEARCH (TAG "u1") UID
                S: u1 OK <*>
                """);
            deliver(inbox);
            t.run("""
                S: * 1 EXISTS
                S: * 1 RECENT
                S: * 1 FETCH (UID 1)
                S: * ESEARCH (TAG "u1") UID ADDTO (0 1)
                C: n2 NOTIFY NONE
                S: n2 OK NOTIFY completed.
                C: n3 NOTIFY SET (selected-delayed (MessageNew (UID) MessageExpunge))
                S: n3 OK NOTIFY completed.
                C: a1 APPEND INBOX {5}
                S: + OK
                C: Hi: x
                S: * 2 EXISTS
                S: * 2 RECENT
                S: * 2 FETCH (UID 2)
                S: * ESEARCH (TAG "u1") UID ADDTO (0 2)
                S: a1 OK [APPENDUID <*> 2] <*>
                """);
        }
    }

    /**
     * RFC 5465 sections 5.6 and 5.7 (required with METADATA): another session's SETMETADATA is
     * told as an unsolicited METADATA response with the entry names only (RFC 5464 section
     * 4.4.2); removals too; a mailbox outside the filter is not told.
     */
    @Test
    void metadataChangesAreToldByEntryName() {
        alice.create(MailboxName.of("Quiet"), Set.of());
        try (Transcript t = server.loginSelected("alice");
             Transcript other = server.login("alice")) {
            t.run("""
                C: m1 NOTIFY SET (mailboxes (INBOX Other) (MailboxMetadataChange)) (personal (ServerMetadataChange))
                S: m1 OK NOTIFY completed.
                """);
            other.run("""
                C: o1 SETMETADATA Other (/private/comment "one" /shared/comment "two")
                S: o1 OK <*>
                """);
            t.run("""
                S: * METADATA Other /private/comment /shared/comment
                """);
            other.run("""
                C: o2 SETMETADATA Quiet (/private/comment "not told")
                S: o2 OK <*>
                C: o3 SETMETADATA "" (/shared/admin "mailto:root@example.com")
                S: o3 OK <*>
                """);
            t.run("""
                S: * METADATA "" /shared/admin
                """);
            other.run("""
                C: o4 SETMETADATA INBOX (/private/comment "in")
                S: o4 OK <*>
                """);
            t.run("""
                S: * METADATA INBOX /private/comment
                """);
            other.run("""
                C: o5 SETMETADATA Other (/shared/comment NIL)
                S: o5 OK <*>
                """);
            t.run("""
                S: * METADATA Other /shared/comment
                C: m2 NOOP
                S: m2 OK <*>
                """);
        }
    }

    @Test
    void badCombinationsAndUnsupportedEvents() {
        try (Transcript t = server.loginSelected("alice")) {
            t.run("""
                C: b1 NOTIFY SET (personal (MessageNew))
                S: b1 BAD <*>
                C: b2 NOTIFY SET (selected (MailboxName))
                S: b2 BAD <*>
                C: b3 NOTIFY SET (selected (MessageNew MessageExpunge)) (selected-delayed (MessageNew MessageExpunge))
                S: b3 BAD <*>
                C: b4 NOTIFY SET (personal (FlagChange))
                S: b4 BAD <*>
                C: b5 NOTIFY SET (personal (MessageNew (UID) MessageExpunge))
                S: b5 BAD <*>
                C: b6 NOTIFY SET (personal (MessageNew MessageExpunge AnnotationChange))
                S: b6 NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange MailboxMetadataChange ServerMetadataChange)] <*>
                C: b7 NOTIFY SET (inboxes (Bogus))
                S: b7 NO [BADEVENT (<*>)] <*>
                C: b8 NOTIFY GET
                S: b8 BAD <*>
                C: b9 NOTIFY SET (somewhere (MailboxName))
                S: b9 BAD <*>
                """);
        }
    }
}
