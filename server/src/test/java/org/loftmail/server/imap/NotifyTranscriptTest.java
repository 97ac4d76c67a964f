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

    private Transcript selected() {
        Transcript t = server.login("alice");
        t.send("s SELECT INBOX");
        t.readUntil("s OK");
        return t;
    }

    @Test
    void changesArriveBetweenCommands() {
        try (Transcript t = selected()) {
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
        try (Transcript t = selected()) {
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

    @Test
    void badCombinationsAndUnsupportedEvents() {
        try (Transcript t = selected()) {
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
                C: b6 NOTIFY SET (personal (ServerMetadataChange))
                S: b6 NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)] <*>
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
