package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
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
import org.loftmail.imap.session.ImapSettings;

/**
 * A mailbox big enough for the node to keep its sort orders and thread keys between commands:
 * answers stay right as mail arrives and is expunged between two SORTs or THREADs.
 */
class SortCacheTest {
    private static final int N = 1200;

    @TempDir
    Path dir;
    ImapTestServer server;
    UserStore alice;
    MailboxInfo inbox;
    /** Subject number of each message in the view, by sequence number - 1. */
    final List<Integer> subjects = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir, "mail_fsync = never\n", ImapSettings.DEFAULTS.withTimeouts(
                Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(200)));
        alice = server.node.store().user(new UserId("alice"));
        inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        for (int i = 1; i <= N; i++) {
            add(N + 1 - i, "");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long add(int subject, String extra) {
        subjects.add(subject);
        String msg = "Message-ID: <" + (subjects.size()) + "@x>\r\n" + extra + "Subject: s" + String.format("%05d", subject)
                + "\r\n\r\nx\r\n";
        return alice.append(inbox.guid(), MessageContent.of(msg.getBytes(StandardCharsets.UTF_8)), Flags.NONE, 0).uid();
    }

    /** SORT (SUBJECT) as the view stands: sequence numbers by ascending subject number. */
    private String expectedSort() {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            seqs.add(i + 1);
        }
        seqs.sort((a, b) -> Integer.compare(subjects.get(a - 1), subjects.get(b - 1)));
        StringBuilder b = new StringBuilder("* SORT");
        seqs.forEach(s -> b.append(' ').append(s));
        return b.toString();
    }

    private static String answer(Transcript t, String tag, String command) {
        t.send(tag + " " + command);
        String line = t.readLine();
        t.expectLine(tag + " OK <*>");
        return line;
    }

    @Test
    void sortAndThreadFollowArrivalsAndExpunges() {
        try (Transcript t = server.login("alice")) {
            t.send("s SELECT INBOX");
            t.readUntil("s OK");
            assertEquals(expectedSort(), answer(t, "a", "SORT (SUBJECT) UTF-8 ALL"));
            assertEquals(expectedSort(), answer(t, "b", "SORT (SUBJECT) UTF-8 ALL"), "from the cache");
            String threads = answer(t, "c", "THREAD REFERENCES UTF-8 ALL");
            assertEquals(N, threads.chars().filter(ch -> ch == '(').count(), "every message its own thread");

            // A new message, smallest subject, replying to message 1: both answers must see it.
            add(0, "In-Reply-To: <1@x>\r\n");
            t.run("""
                C: d NOOP
                S: * %d EXISTS
                S: * %d RECENT
                S: d OK NOOP completed.
                """.formatted(N + 1, N + 1));
            assertEquals(expectedSort(), answer(t, "e", "SORT (SUBJECT) UTF-8 ALL"));
            String after = answer(t, "f", "THREAD REFERENCES UTF-8 ALL");
            assertEquals(N, after.chars().filter(ch -> ch == '(').count(), "the reply joined message 1's thread");
            assertEquals(true, after.contains("(1 " + (N + 1) + ")"), after.substring(0, Math.min(200, after.length())));

            // Expunge message 5 elsewhere: it must leave both answers, and sequence numbers shift.
            alice.expunge(inbox.guid(), List.of(5L));
            subjects.remove(4);
            t.run("""
                C: g NOOP
                S: * 5 EXPUNGE
                S: g OK NOOP completed.
                """);
            assertEquals(expectedSort(), answer(t, "h", "SORT (SUBJECT) UTF-8 ALL"));
            String gone = answer(t, "i", "THREAD REFERENCES UTF-8 ALL");
            assertEquals(N - 1, gone.chars().filter(ch -> ch == '(').count());
            assertEquals(true, gone.contains("(1 " + N + ")"), "message " + (N + 1) + " is now number " + N);
        }
    }

    private static String threads(LongStream numbers) {
        StringBuilder b = new StringBuilder("* THREAD ");
        numbers.forEach(n -> b.append('(').append(n).append(')'));
        return b.toString();
    }

    /**
     * One session's THREAD answer is kept for the node, and another session threading the same
     * messages gets it in its own sequence numbers, even while it still holds a message that
     * the first has seen expunged.
     */
    @Test
    void sessionsShareThreadAnswersInTheirOwnNumbers() {
        try (Transcript a = server.login("alice"); Transcript b = server.login("alice")) {
            a.send("s SELECT INBOX");
            a.readUntil("s OK");
            b.send("s SELECT INBOX");
            b.readUntil("s OK");
            String all = threads(LongStream.rangeClosed(1, N));
            assertEquals(all, answer(a, "a1", "THREAD REFERENCES UTF-8 ALL"));
            assertEquals(all, answer(b, "b1", "THREAD REFERENCES UTF-8 ALL"), "from the cache");

            alice.expunge(inbox.guid(), List.of(5L));
            a.run("""
                C: a2 NOOP
                S: * 5 EXPUNGE
                S: a2 OK NOOP completed.
                """);
            // a: UIDs 1-4 and 6-N are now numbers 1 to N-1.
            assertEquals(threads(LongStream.rangeClosed(1, N - 1)),
                    answer(a, "a3", "THREAD REFERENCES UTF-8 ALL"));
            // b has not been told: message 5 is still its number 5, and it is not in the index.
            LongStream withoutFive = LongStream.rangeClosed(1, N).filter(n -> n != 5);
            assertEquals(threads(withoutFive), answer(b, "b2", "THREAD REFERENCES UTF-8 ALL"));
            assertEquals(threads(LongStream.rangeClosed(1, N).filter(n -> n != 5)),
                    answer(a, "a4", "UID THREAD REFERENCES UTF-8 ALL"));
            // Each subject is its own thread, in date (= arrival) order.
            assertEquals(threads(LongStream.rangeClosed(1, N - 1)), answer(a, "a5", "THREAD ORDEREDSUBJECT UTF-8 ALL"));
            assertEquals(threads(LongStream.rangeClosed(1, N).filter(n -> n != 5)),
                    answer(b, "b3", "THREAD ORDEREDSUBJECT UTF-8 ALL"), "from the cache, in b's numbers");
        }
    }
}
