package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.LoftTestServer;

/**
 * mbsync, the sync tool many people run against their IMAP server, between Loft and a Maildir:
 * a first sync copies everything down, local changes go up, and a third sync finds nothing to do.
 */
final class MbsyncTest {
    private static final LoftTestServer.User ALICE = LoftTestServer.ALICE;
    /** mbsync marks what it copies with this header (in either direction); it is not part of the mail. */
    private static final Pattern TUID = Pattern.compile("(?m)^X-TUID: [^\n]*\n");
    /** A command line in mbsync's {@code -Dn} trace that would change the server. */
    private static final Pattern CHANGE_COMMAND =
            Pattern.compile("(?m)^>>> \\d+ (UID )?(APPEND|STORE|EXPUNGE|CREATE|DELETE|RENAME|COPY|MOVE)\\b");
    private static final Pattern UPLOADED = Pattern.compile("(?m)^Message-ID: <local-1@e2e.loft>$");

    @TempDir
    Path serverDir;
    @TempDir
    Path clientDir;
    private LoftTestServer server;

    @BeforeEach
    void start() {
        Mbsync.requireInstalled();
        server = LoftTestServer.start(serverDir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void syncsDownThenUpThenHasNothingLeftToDo() throws Exception {
        UserStore user = server.user(ALICE);
        user.create(MailboxName.of("Projects/2026"), Set.of());
        save("INBOX", message("inbox-1", "plain"), Flags.NONE);
        save("INBOX", message("inbox-2", "read"), Flags.of(Flags.SEEN));
        save("INBOX", message("inbox-3", "answered and flagged"), Flags.of(Flags.ANSWERED | Flags.FLAGGED));
        save("Projects", message("projects-1", "a project"), Flags.of(Flags.SEEN));
        save("Projects/2026", message("projects-2026-1", "this year's"), Flags.NONE);
        Mbsync mbsync = new Mbsync(server, ALICE, clientDir);

        Mbsync.Run down = mbsync.syncAll();

        assertEquals(0, down.exitCode(), down.output());
        // The first login created the special-use mailboxes; mbsync creates them locally too.
        for (MailboxInfo box : user.mailboxes()) {
            String name = box.name().value();
            assertEquals(loftMessages(box), maildirMessages(mbsync.folder(name)), name + "\n" + down.output());
        }

        Path local = mbsync.inbox().resolve("new").resolve("1700000000.e2e_1.loft-test");
        Files.writeString(local, """
                From: Alice <alice@example.org>
                To: Bob <bob@example.org>
                Subject: Written in the Maildir
                Message-ID: <local-1@e2e.loft>

                mbsync uploads this one.
                """, StandardCharsets.US_ASCII);
        flagLocally(mbsync.inbox(), "inbox-1@e2e.loft", 'F');

        Mbsync.Run up = mbsync.syncAll();

        assertEquals(0, up.exitCode(), up.output());
        MailboxInfo inbox = server.mailbox(ALICE, "INBOX");
        List<MessageInfo> messages = user.messages(inbox.guid(), 1, Long.MAX_VALUE);
        assertEquals(4, messages.size(), up.output());
        MessageInfo uploaded = messages.get(3);
        String uploadedText = text(user.content(inbox.guid(), uploaded.uid()));
        assertTrue(UPLOADED.matcher(mail(uploadedText)).find(), uploadedText);
        assertEquals(mail(Files.readString(fileWith(mbsync.inbox(), "local-1@e2e.loft"), StandardCharsets.ISO_8859_1)),
                mail(uploadedText));
        assertTrue(uploadedText.contains("\r\n") && !uploadedText.replace("\r\n", "").contains("\n"),
                "mbsync sends CRLF; Loft keeps it");
        assertEquals(Flags.of(Flags.FLAGGED), messages.get(0).flags(), up.output());

        Map<String, String> before = snapshot(mbsync);
        Mbsync.Run idle = mbsync.syncAll();

        assertEquals(0, idle.exitCode(), idle.output());
        assertEquals(before, snapshot(mbsync), idle.output());
        assertFalse(CHANGE_COMMAND.matcher(idle.output()).find(), "the third run changed Loft:\n" + idle.output());
    }

    private void save(String mailbox, String text, Flags flags) {
        server.user(ALICE).append(server.mailbox(ALICE, mailbox).guid(),
                MessageContent.of(text.getBytes(StandardCharsets.UTF_8)), flags, System.currentTimeMillis());
    }

    private static String message(String id, String subject) {
        return ("From: Bob <bob@example.org>\r\nTo: Alice <alice@example.org>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@e2e.loft>\r\n\r\nThe " + subject + " message.\r\nSecond line.\r\n");
    }

    /** Each message of a Loft mailbox as {@code mail text | maildir flags}, sorted. */
    private List<String> loftMessages(MailboxInfo box) {
        UserStore user = server.user(ALICE);
        List<String> out = new ArrayList<>();
        for (MessageInfo m : user.messages(box.guid(), 1, Long.MAX_VALUE)) {
            out.add(mail(text(user.content(box.guid(), m.uid()))) + "|" + maildirFlags(m.flags()));
        }
        out.sort(null);
        return out;
    }

    /** Each message of a Maildir folder ({@code cur} and {@code new}) as {@code mail text | flags}, sorted. */
    private static List<String> maildirMessages(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files(folder)) {
            String name = f.getFileName().toString();
            int info = name.indexOf(":2,");
            String flags = info < 0 ? "" : name.substring(info + 3);
            out.add(mail(Files.readString(f, StandardCharsets.ISO_8859_1)) + "|" + flags);
        }
        out.sort(null);
        return out;
    }

    private static List<Path> files(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path dir = folder.resolve(sub);
            assertTrue(Files.isDirectory(dir), "no Maildir folder " + dir);
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(out::add);
            }
        }
        return out;
    }

    private static Path fileWith(Path folder, String messageId) throws IOException {
        for (Path f : files(folder)) {
            if (Files.readString(f, StandardCharsets.ISO_8859_1).contains("Message-ID: <" + messageId + ">")) {
                return f;
            }
        }
        throw new AssertionError("no message " + messageId + " in " + folder);
    }

    /** What a mail program does when you flag a message: move it to cur with the flag in its name. */
    private static void flagLocally(Path folder, String messageId, char flag) throws IOException {
        Path f = fileWith(folder, messageId);
        String name = f.getFileName().toString();
        int info = name.indexOf(":2,");
        String base = info < 0 ? name : name.substring(0, info);
        String flags = info < 0 ? "" : name.substring(info + 3);
        char[] all = (flags + flag).toCharArray();
        Arrays.sort(all);
        Files.move(f, folder.resolve("cur").resolve(base + ":2," + new String(all)));
    }

    /** The mail as a reader sees it: LF line ends, without mbsync's X-TUID. */
    private static String mail(String raw) {
        return TUID.matcher(raw.replace("\r\n", "\n")).replaceFirst("");
    }

    private static String text(MessageContent c) {
        return new String(c.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /** Maildir's flag letters, in the order the names carry them. */
    private static String maildirFlags(Flags f) {
        StringBuilder sb = new StringBuilder();
        if (f.has(Flags.DRAFT)) {
            sb.append('D');
        }
        if (f.has(Flags.FLAGGED)) {
            sb.append('F');
        }
        if (f.has(Flags.ANSWERED)) {
            sb.append('R');
        }
        if (f.has(Flags.SEEN)) {
            sb.append('S');
        }
        if (f.has(Flags.DELETED)) {
            sb.append('T');
        }
        return sb.toString();
    }

    /**
     * Both sides' whole state: every file under the Maildir (names carry UIDs and flags; the
     * {@code .mbsyncstate} files hold no timestamps) and every Loft mailbox's UIDs and flags.
     */
    private Map<String, String> snapshot(Mbsync mbsync) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> s = Files.walk(mbsync.maildir())) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                state.put("maildir " + mbsync.maildir().relativize(f), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        UserStore user = server.user(ALICE);
        for (MailboxInfo box : user.mailboxes()) {
            StringBuilder sb = new StringBuilder("uidvalidity=" + box.uidValidity() + " uidnext=" + box.uidNext());
            for (MessageInfo m : user.messages(box.guid(), 1, Long.MAX_VALUE)) {
                sb.append(' ').append(m.uid()).append(m.flags());
            }
            state.put("loft " + box.name().value(), sb.toString());
        }
        return state;
    }
}
