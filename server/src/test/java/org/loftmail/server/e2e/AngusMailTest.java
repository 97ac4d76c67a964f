package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags.Flag;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.LoftTestServer;

/**
 * Jakarta Mail (Angus Mail) against a running Loft, as an application would use it. Checks go
 * through the store API where that is the more direct witness of what the server did.
 */
final class AngusMailTest {
    private static final LoftTestServer.User ALICE = LoftTestServer.ALICE;
    private static final String TEXT = "Grüße aus dem Loft.\r\nZweite Zeile.\r\n";

    @RegisterExtension
    final AngusClients clients = new AngusClients();

    @Test
    void appendReportsTheUidsOfTheSavedMessages() throws Exception {
        IMAPStore store = clients.imaps(ALICE);
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        MimeMessage first = textMessage("first");
        MimeMessage second = multipartMessage();

        AppendUID[] uids = inbox.appendUIDMessages(new Message[] {first, second});

        MailboxInfo box = clients.server().mailbox(ALICE, "INBOX");
        assertEquals(2, uids.length);
        assertEquals(List.of(1L, 2L), List.of(uids[0].uid, uids[1].uid));
        assertEquals(box.uidValidity(), uids[0].uidvalidity);
        assertEquals(box.uidValidity(), uids[1].uidvalidity);
        assertArrayEquals(bytes(first), clients.server().user(ALICE).content(box.guid(), 1).toByteArray());
        assertArrayEquals(bytes(second), clients.server().user(ALICE).content(box.guid(), 2).toByteArray());
    }

    @Test
    void listShowsInboxTheSpecialUseFoldersAndNewOnes() throws Exception {
        IMAPStore store = clients.imaps(ALICE);
        assertTrue(store.getFolder("Projects/2026").create(Folder.HOLDS_MESSAGES), "CREATE Projects/2026");

        Folder[] all = store.getDefaultFolder().list("*");

        Set<String> names = Arrays.stream(all).map(Folder::getFullName).collect(Collectors.toSet());
        assertEquals(Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive", "Projects", "Projects/2026"), names);
        assertEquals('/', store.getDefaultFolder().getSeparator());
        for (String use : List.of("Drafts", "Sent", "Trash", "Junk", "Archive")) {
            IMAPFolder f = (IMAPFolder) store.getFolder(use);
            assertTrue(Arrays.asList(f.getAttributes()).contains("\\" + use),
                    use + " attributes " + Arrays.toString(f.getAttributes()));
        }
    }

    @Test
    void partsOfAMultipartMessageComeBackExactly() throws Exception {
        MimeMessage sent = multipartMessage();
        byte[] raw = bytes(sent);
        save(ALICE, "INBOX", raw, Flags.NONE);
        IMAPFolder inbox = open(clients.imaps(ALICE), "INBOX", Folder.READ_ONLY);

        IMAPMessage m = (IMAPMessage) inbox.getMessage(1);

        assertEquals("Lieferung: Anhang & Text – Grüße", m.getSubject());
        assertEquals("loft <test@example.org>", m.getFrom()[0].toString());
        assertEquals("e2e", m.getHeader("X-Loft-Test")[0]);
        assertEquals(raw.length, m.getSize());
        MimeMultipart parts = assertInstanceOf(MimeMultipart.class, m.getContent());
        assertEquals(2, parts.getCount());
        assertEquals(TEXT, parts.getBodyPart(0).getContent());
        BodyPart attachment = parts.getBodyPart(1);
        assertEquals("data.bin", attachment.getFileName());
        assertArrayEquals(attachmentBytes(), attachment.getInputStream().readAllBytes());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        m.writeTo(whole);
        assertArrayEquals(raw, whole.toByteArray());
        assertFalse(m.isSet(Flag.SEEN), "BODY.PEEK in a read-only folder must not set \\Seen");
    }

    @Test
    void flagsSetOnOneConnectionAreReadFromAnother() throws Exception {
        save(ALICE, "INBOX", bytes(textMessage("one")), Flags.NONE);
        save(ALICE, "INBOX", bytes(textMessage("two")), Flags.of(Flags.SEEN));
        IMAPFolder writer = open(clients.imaps(ALICE), "INBOX", Folder.READ_WRITE);

        Message one = writer.getMessage(1);
        jakarta.mail.Flags set = new jakarta.mail.Flags(Flag.FLAGGED);
        set.add(Flag.SEEN);
        set.add("$Important");
        one.setFlags(set, true);
        one.setFlag(Flag.SEEN, false);
        writer.getMessage(2).setFlag(Flag.SEEN, false);

        MailboxInfo box = clients.server().mailbox(ALICE, "INBOX");
        UserStore user = clients.server().user(ALICE);
        assertEquals(Flags.of(Flags.FLAGGED, "$Important"), user.message(box.guid(), 1).orElseThrow().flags());
        assertEquals(Flags.NONE, user.message(box.guid(), 2).orElseThrow().flags());
        IMAPFolder reader = open(clients.imaps(ALICE), "INBOX", Folder.READ_ONLY);
        jakarta.mail.Flags read = reader.getMessage(1).getFlags();
        assertTrue(read.contains(Flag.FLAGGED), read.toString());
        assertTrue(read.contains("$Important"), read.toString());
        assertFalse(read.contains(Flag.SEEN), read.toString());
        assertFalse(reader.getMessage(2).isSet(Flag.SEEN));
    }

    @Test
    void moveTakesMessagesToAnotherFolder() throws Exception {
        List<byte[]> saved = List.of(bytes(textMessage("a")), bytes(textMessage("b")), bytes(textMessage("c")));
        saved.forEach(raw -> save(ALICE, "INBOX", raw, Flags.NONE));
        IMAPStore store = clients.imaps(ALICE);
        IMAPFolder inbox = open(store, "INBOX", Folder.READ_WRITE);
        Folder archive = store.getFolder("Archive");
        int traced = clients.lastTrace().length();

        Message[] chosen = {inbox.getMessage(1), inbox.getMessage(3)};
        inbox.moveMessages(chosen, archive);

        String exchange = clients.lastTrace().text().substring(traced);
        assertTrue(exchange.contains(" MOVE 1,3 Archive"), exchange);
        assertTrue(exchange.contains("[COPYUID "), exchange);
        // MOVE's EXPUNGE responses mark the moved messages; Angus keeps the count until the next expunge().
        assertTrue(chosen[0].isExpunged() && chosen[1].isExpunged(), exchange);
        assertFalse(inbox.getMessage(2).isExpunged());
        assertEquals(2, archive.getMessageCount());
        MailboxInfo target = clients.server().mailbox(ALICE, "Archive");
        UserStore user = clients.server().user(ALICE);
        assertEquals(List.of(2L), uids(user, clients.server().mailbox(ALICE, "INBOX")));
        assertEquals(List.of(1L, 2L), uids(user, target));
        assertArrayEquals(saved.get(2), user.content(target.guid(), 2).toByteArray());
    }

    @Test
    void expungeRemovesOnlyDeletedMessages() throws Exception {
        for (String s : List.of("keep", "drop", "keep too")) {
            save(ALICE, "INBOX", bytes(textMessage(s)), Flags.NONE);
        }
        IMAPFolder inbox = open(clients.imaps(ALICE), "INBOX", Folder.READ_WRITE);
        inbox.getMessage(2).setFlag(Flag.DELETED, true);

        Message[] gone = inbox.expunge();

        assertEquals(1, gone.length);
        assertTrue(gone[0].isExpunged());
        assertEquals(2, inbox.getMessageCount());
        assertEquals(List.of(1L, 3L), uids(clients.server().user(ALICE), clients.server().mailbox(ALICE, "INBOX")));
    }

    @Test
    void idleHearsOfAMessageAppendedByAnotherConnection() throws Exception {
        IMAPFolder idling = open(clients.imaps(ALICE), "INBOX", Folder.READ_WRITE);
        ProtocolTrace idlingTrace = clients.lastTrace();
        CountDownLatch added = new CountDownLatch(1);
        idling.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                added.countDown();
            }
        });
        int traced = idlingTrace.length();
        Thread idler = new Thread(() -> {
            try {
                idling.idle(true);
            } catch (MessagingException e) {
                // The assertions below say what went wrong; the trace shows the exchange.
            }
        }, "angus-idle");
        idler.start();
        assertTrue(idlingTrace.awaitLine(traced, "+", Duration.ofSeconds(10)), "IDLE was not accepted");

        IMAPFolder other = (IMAPFolder) clients.imaps(ALICE).getFolder("INBOX");
        other.appendMessages(new Message[] {textMessage("while idling")});

        assertTrue(added.await(10, TimeUnit.SECONDS), "no MessageCountEvent within 10 s");
        idler.join(5_000);
        assertFalse(idler.isAlive(), "idle(true) returns after the first notification");
        assertEquals(1, idling.getMessageCount());
    }

    @Test
    void startTlsLogsInAndAppends() throws Exception {
        IMAPStore store = clients.startTls(LoftTestServer.BOB);
        String exchange = clients.lastTrace().text();
        assertTrue(exchange.contains(" STARTTLS"), exchange);
        assertTrue(store.hasCapability("IDLE"));
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");

        AppendUID[] uids = inbox.appendUIDMessages(new Message[] {textMessage("over STARTTLS")});

        assertEquals(1, uids[0].uid);
        assertEquals(List.of(1L), uids(clients.server().user(LoftTestServer.BOB), clients.server().mailbox(LoftTestServer.BOB, "INBOX")));
    }

    private IMAPFolder open(IMAPStore store, String name, int mode) throws MessagingException {
        IMAPFolder f = (IMAPFolder) store.getFolder(name);
        f.open(mode);
        return f;
    }

    private void save(LoftTestServer.User user, String mailbox, byte[] raw, Flags flags) {
        clients.server().user(user).append(clients.server().mailbox(user, mailbox).guid(), MessageContent.of(raw), flags,
                System.currentTimeMillis());
    }

    private static List<Long> uids(UserStore user, MailboxInfo box) {
        return user.messages(box.guid(), 1, Long.MAX_VALUE).stream().map(MessageInfo::uid).toList();
    }

    private static MimeMessage textMessage(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("test@example.org"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.org");
        m.setSubject(subject);
        m.setText("This is " + subject + ".\r\n", "utf-8");
        m.saveChanges();
        return m;
    }

    private static MimeMessage multipartMessage() throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        try {
            m.setFrom(new InternetAddress("test@example.org", "loft"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
        m.setRecipients(Message.RecipientType.TO, "alice@example.org");
        m.setSubject("Lieferung: Anhang & Text – Grüße", "utf-8");
        m.setHeader("X-Loft-Test", "e2e");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "utf-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachmentBytes(), "application/octet-stream")));
        file.setFileName("data.bin");
        m.setContent(new MimeMultipart(text, file));
        m.saveChanges();
        return m;
    }

    /** Every byte value, then noise: what a careless line-ending conversion would break. */
    private static byte[] attachmentBytes() {
        byte[] b = new byte[3000];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        byte[] noise = new byte[b.length - 256];
        new Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, b, 256, noise.length);
        return b;
    }

    /** The message as Angus sends it: its {@code writeTo} output with CRLF line endings. */
    private static byte[] bytes(MimeMessage m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return crlf(out.toByteArray());
    }

    /** Every line ending as CRLF: a lone LF gets a CR, an existing CRLF stays. */
    private static byte[] crlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 40);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }
}
