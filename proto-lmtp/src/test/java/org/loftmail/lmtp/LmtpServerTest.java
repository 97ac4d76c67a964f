package org.loftmail.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileUserdb;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.VariableTemplate;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StoreOptions;
import org.loftmail.core.store.UserStore;
import org.loftmail.dbox.DboxBlobStore;
import org.loftmail.dbox.DboxOptions;
import org.loftmail.index.LmdbMailboxIndex;

/** LMTP transcripts against a real store and a real passwd-file userdb, over TCP and a unix socket. */
class LmtpServerTest {
    private static final String BODY = "From: sender@example.org\r\nSubject: hello\r\n\r\nLine one\r\n.dotted\r\n";

    @TempDir
    Path dir;
    private IndexedMailStore store;
    private LmtpServer server;
    private final ChangeBus bus = new ChangeBus();

    @BeforeEach
    void store() {
        store = new IndexedMailStore(u -> dir.resolve("mail").resolve(u.name()), DboxBlobStore.factory(new DboxOptions(1 << 20, false)),
                LmdbMailboxIndex.factory(), bus, StoreOptions.DEFAULTS);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private Userdb users() throws IOException {
        Path passwd = dir.resolve("users");
        Files.writeString(passwd, "alice@example.com:{PLAIN}x::::::\nbob@example.com:{PLAIN}x::::::\n"
                + "odd+name@example.com:{PLAIN}x::::::\n");
        Userdb file = new PasswdFileUserdb(new PasswdFile(passwd, PasswordScheme.PLAIN), VariableTemplate.parse("%u"));
        return (user, service) -> user.startsWith("down@") ? new UserdbResult.Unavailable("database down")
                : file.lookup(user, service);
    }

    private InetSocketAddress start(LmtpSettings settings) throws IOException {
        Files.createDirectories(dir.resolve("spool"));
        server = new LmtpServer(new LmtpServices(store, users(), dir.resolve("spool")), settings.withHostname("mx.test"));
        return server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private InetSocketAddress start() throws IOException {
        return start(LmtpSettings.DEFAULTS);
    }

    private List<String> inbox(String user) {
        UserStore u = store.user(new UserId(user));
        MailboxInfo inbox = u.mailbox(MailboxName.INBOX).orElseThrow();
        return u.messages(inbox.guid(), 1, Long.MAX_VALUE).stream()
                .map(m -> new String(u.content(inbox.guid(), m.uid()).toByteArray(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    /** The stored message without the three header fields Loft adds in front. */
    private static String body(String stored) {
        assertTrue(stored.startsWith("Return-Path: "), stored);
        int received = stored.indexOf("\r\nReceived: ");
        int end = stored.indexOf("\r\n", stored.indexOf("; ", received));
        return stored.substring(end + 2);
    }

    @Test
    void greetingAndLhloAnnounceTheExtensions() throws IOException {
        try (LmtpClient c = new LmtpClient(start())) {
            c.expect("220 mx.test Loft LMTP ready");
            c.send("LHLO mta.example\r\n");
            assertEquals(List.of("250-mx.test", "250-8BITMIME", "250-CHUNKING", "250-ENHANCEDSTATUSCODES",
                    "250-PIPELINING", "250-SIZE 52428800", "250 SMTPUTF8"), c.multiline());
            c.send("QUIT\r\n");
            c.expect("221 2.0.0 mx.test Bye");
            assertNull(c.line());
        }
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyInRcptOrder() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start())) {
            c.send("MAIL FROM:<sender@example.org>\r\n");
            c.expect("250 2.1.0 OK");
            c.send("RCPT TO:<alice@example.com>\r\n");
            c.expect("250 2.1.5 OK");
            c.send("RCPT TO:<nobody@example.com>\r\n");
            c.expect("550 5.1.1 <nobody@example.com> User doesn't exist: nobody@example.com");
            c.send("RCPT TO:<down@example.com>\r\n");
            c.expect("451 4.3.0 <down@example.com> Temporary internal error");
            c.send("RCPT TO:<bob@example.com>\r\n");
            c.expect("250 2.1.5 OK");
            c.send("DATA\r\n");
            c.expect("354 OK");
            c.send(BODY + ".\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
            assertEquals("250 2.0.0 <bob@example.com> Saved", c.saved());
        }
        String alice = inbox("alice@example.com").get(0);
        assertEquals(BODY.replace("\r\n.dotted", "\r\ndotted"), body(alice), "the bytes as sent, dot-unstuffed");
        assertTrue(alice.startsWith("Return-Path: <sender@example.org>\r\nDelivered-To: alice@example.com\r\n"
                + "Received: from mta.example ([127.0.0.1])\r\n\tby mx.test with LMTP\r\n\tid "), alice);
        assertTrue(alice.contains("\r\n\t(envelope-from <sender@example.org>); "),
                "with two recipients the Received header names neither: " + alice);
        String bob = inbox("bob@example.com").get(0);
        assertTrue(bob.startsWith("Return-Path: <sender@example.org>\r\nDelivered-To: bob@example.com\r\n"), bob);
        assertEquals(body(alice), body(bob));
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderInOneGo() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start())) {
            c.send("MAIL FROM:<> BODY=8BITMIME\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<x@example.com>\r\n"
                    + "RCPT TO:<bob@example.com> NOTIFY=NEVER\r\nDATA\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("550 5.1.1 <x@example.com> User doesn't exist: x@example.com");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send("Subject: bounce\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
            assertEquals("250 2.0.0 <bob@example.com> Saved", c.saved());
            c.expect("250 2.0.0 OK");
            c.expect("250 2.0.0 OK");
        }
        String stored = inbox("alice@example.com").get(0);
        assertTrue(stored.startsWith("Return-Path: <>\r\n"), "a bounce has the null sender: " + stored);
        assertTrue(stored.endsWith("\r\n\r\nbody\r\n"), stored);
    }

    @Test
    void oneRecipientIsNamedInReceivedAndBdatChunksMakeOneMessage() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start())) {
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            byte[] first = "Subject: chunked\r\n\r\n.not stuffed\r\n".getBytes(StandardCharsets.US_ASCII);
            c.send(("BDAT " + first.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            c.send(first);
            c.expect("250 2.0.0 OK " + first.length + " octets received");
            c.send("BDAT 5 LAST\r\nend\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
            // BDAT without recipients: the chunk is read (so the stream stays in step) and refused.
            c.send("BDAT 3 LAST\r\nabcNOOP\r\n");
            c.expect("503 5.5.1 MAIL needed first");
            c.expect("250 2.0.0 OK");
        }
        String stored = inbox("alice@example.com").get(0);
        assertTrue(stored.contains("\r\n\tfor <alice@example.com>; "), stored);
        assertEquals("Subject: chunked\r\n\r\n.not stuffed\r\nend\r\n", body(stored));
    }

    @Test
    void sequenceAndSyntaxErrorsAreRepliedAndTheSessionGoesOn() throws IOException {
        try (LmtpClient c = new LmtpClient(start())) {
            c.line();
            c.send("MAIL FROM:<a@b>\r\n");
            c.expect("503 5.5.1 Send LHLO first");
            c.send("EHLO mta\r\n");
            c.expect("500 5.5.1 This is LMTP: use LHLO");
            c.send("LHLO mta\r\n");
            c.multiline();
            c.send("RCPT TO:<alice@example.com>\r\n");
            c.expect("503 5.5.1 MAIL needed first");
            c.send("DATA\r\n");
            c.expect("503 5.5.1 MAIL needed first");
            c.send("MAIL FROM:alice@example.com\r\n");
            c.expect("501 5.1.7 Invalid address: missing <");
            c.send("MAIL FROM:<a@b> FOO=1\r\n");
            c.expect("555 5.5.4 Unsupported parameter FOO");
            c.send("MAIL FROM:<a@b>\r\n");
            c.expect("250 2.1.0 OK");
            c.send("MAIL FROM:<a@b>\r\n");
            c.expect("503 5.5.1 MAIL already given");
            c.send("DATA\r\n");
            c.expect("554 5.5.1 No valid recipients");
            c.send("RCPT TO:<>\r\n");
            c.expect("501 5.1.3 Empty recipient address");
            c.send("NO\0OP\r\n");
            c.expect("500 5.5.2 Invalid characters in command");
            c.send("X".repeat(5000) + "\r\n");
            c.expect("500 5.5.2 Line too long");
            c.send("VRFY alice\r\n");
            c.expect("252 2.3.3 Try RCPT instead");
            c.send("RCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send("Subject: still fine\r\n\r\nx\r\n.\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
        }
        assertEquals(1, inbox("alice@example.com").size());
    }

    @Test
    void tooManyBadCommandsCloseTheConnection() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start())) {
            for (int i = 1; i < 10; i++) {
                c.send("BOGUS\r\n");
                c.expect("500 5.5.1 Unknown command");
            }
            c.send("BOGUS\r\n");
            c.expect("421 4.7.0 mx.test Too many invalid commands");
            assertNull(c.line());
        }
    }

    @Test
    void oversizedMessagesGet552AndNothingIsSaved() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start(LmtpSettings.DEFAULTS.withMaxMessageSize(1000)))) {
            c.send("MAIL FROM:<s@example.org> SIZE=1001\r\n");
            c.expect("552 5.3.4 Message too big: the limit is 1000 bytes");
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send("Subject: big\r\n\r\n" + "0123456789\r\n".repeat(200) + ".\r\n");
            c.expect("552 5.3.4 <alice@example.com> Message too big: the limit is 1000 bytes");
            c.expect("552 5.3.4 <bob@example.com> Message too big: the limit is 1000 bytes");
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nBDAT 2000 LAST\r\n" + "x".repeat(2000));
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("552 5.3.4 <alice@example.com> Message too big: the limit is 1000 bytes");
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send("Subject: small\r\n\r\nok\r\n.\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved(), "the server is healthy after refusing");
        }
        assertEquals(1, inbox("alice@example.com").size());
        assertEquals(0, inbox("bob@example.com").size());
    }

    @Test
    void aConnectionThatDropsInsideDataDeliversNothing() throws IOException {
        InetSocketAddress address = start();
        try (LmtpClient c = LmtpClient.greeted(address)) {
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.line();
            c.line();
            c.line();
            c.send("Subject: cut off\r\n\r\nno final dot\r\n");
        }
        try (LmtpClient c = LmtpClient.greeted(address)) {
            c.send("NOOP\r\n");
            c.expect("250 2.0.0 OK");
        }
        assertEquals(0, inbox("alice@example.com").size());
    }

    @Test
    void eightBitBinaryNulAndBareLfArriveByteForByte() throws IOException {
        byte[] body = "Subject: caf\u00e9\r\n\r\nbare\nlf and nul \0 and \u00ff\r\n".getBytes(StandardCharsets.UTF_8);
        try (LmtpClient c = LmtpClient.greeted(start())) {
            c.send("MAIL FROM:<s\u00e9@example.org> SMTPUTF8\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send(body);
            c.send(".\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
            c.send("MAIL FROM:<s\u00e9@example.org>\r\n");
            c.expect("553 5.6.7 Non-ASCII address without SMTPUTF8");
        }
        String stored = inbox("alice@example.com").get(0);
        assertTrue(stored.contains("\tby mx.test with UTF8LMTP\r\n"), stored);
        assertEquals(new String(body, StandardCharsets.UTF_8), body(stored));
    }

    @Test
    void tenThousandRecipientsEachGetAReply() throws IOException {
        try (LmtpClient c = LmtpClient.greeted(start())) {
            StringBuilder b = new StringBuilder("MAIL FROM:<s@example.org>\r\n");
            for (int i = 0; i < 10_000; i++) {
                b.append("RCPT TO:<user").append(i).append("@example.com>\r\n");
            }
            c.send(b.append("RCPT TO:<alice@example.com>\r\nDATA\r\n").toString());
            c.expect("250 2.1.0 OK");
            for (int i = 0; i < 1000; i++) {
                c.expect("550 5.1.1 <user" + i + "@example.com> User doesn't exist: user" + i + "@example.com");
            }
            for (int i = 1000; i <= 10_000; i++) {
                c.expect("452 4.5.3 Too many recipients");
            }
            c.expect("554 5.5.1 No valid recipients");
            c.send("RSET\r\nMAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\n");
            c.expect("250 2.0.0 OK");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK", "a new transaction counts afresh");
        }
    }

    @Test
    void detailsGoToTheirMailboxWhenAskedAndTheUserIsFoundWithoutThem() throws IOException {
        UserStore alice = store.user(new UserId("alice@example.com"));
        alice.create(MailboxName.of("lists"), Set.of());
        try (LmtpClient c = LmtpClient.greeted(start(LmtpSettings.DEFAULTS.withSaveToDetailMailbox(true)))) {
            for (String rcpt : List.of("alice+lists@example.com", "alice+none@example.com", "odd+name@example.com")) {
                c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n");
                c.expect("250 2.1.0 OK");
                c.expect("250 2.1.5 OK");
                c.expect("354 OK");
                c.send("Subject: " + rcpt + "\r\n\r\nx\r\n.\r\n");
                assertEquals("250 2.0.0 <" + rcpt + "> Saved", c.saved());
            }
        }
        MailboxInfo lists = alice.mailbox(MailboxName.of("lists")).orElseThrow();
        List<MessageInfo> inLists = alice.messages(lists.guid(), 1, Long.MAX_VALUE);
        assertEquals(1, inLists.size());
        String stored = new String(alice.content(lists.guid(), inLists.get(0).uid()).toByteArray(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("Delivered-To: alice+lists@example.com\r\n"), stored);
        assertEquals(1, inbox("alice@example.com").size(), "a detail without a mailbox goes to INBOX");
        assertEquals(1, inbox("odd+name@example.com").size(), "a user whose name has the delimiter is found whole");
    }

    @Test
    void theUserConcurrencyLimitDefersAFurtherDelivery() throws IOException {
        InetSocketAddress address = start(LmtpSettings.DEFAULTS.withUserConcurrencyLimit(1));
        try (LmtpClient a = LmtpClient.greeted(address); LmtpClient b = LmtpClient.greeted(address)) {
            a.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\n");
            a.expect("250 2.1.0 OK");
            a.expect("250 2.1.5 OK");
            b.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\n");
            b.expect("250 2.1.0 OK");
            b.expect("451 4.3.0 <alice@example.com> Too many concurrent deliveries for user");
            b.expect("250 2.1.5 OK", "other users are not held up");
            a.send("RSET\r\n");
            a.expect("250 2.0.0 OK");
            b.send("RCPT TO:<alice@example.com>\r\n");
            b.expect("250 2.1.5 OK", "the slot is free again after RSET");
        }
    }

    @Test
    void theUnixSocketGetsItsModeAndDelivers() throws IOException {
        start();
        Path socket = server.bindUnix(dir.resolve("lmtp.sock"), 0660, null, null);
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        SocketAddress address = UnixDomainSocketAddress.of(socket);
        try (LmtpClient c = LmtpClient.greeted(address)) {
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
            c.expect("250 2.1.0 OK");
            c.expect("250 2.1.5 OK");
            c.expect("354 OK");
            c.send("Subject: via unix\r\n\r\nx\r\n.\r\n");
            assertEquals("250 2.0.0 <bob@example.com> Saved", c.saved());
        }
        String stored = inbox("bob@example.com").get(0);
        assertTrue(stored.contains("Received: from mta.example\r\n\tby mx.test with LMTP"), "no address on a unix socket: " + stored);
        server.close();
        assertTrue(Files.notExists(socket), "the socket file goes when the server stops");
    }

    @Test
    void largeMessagesGoThroughTheSpoolFile() throws IOException {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        while (big.length() < 3 << 20) {
            big.append("..a line of a large message that starts with a dot\r\n");
        }
        try (LmtpClient c = LmtpClient.greeted(start())) {
            c.send("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\n");
            c.line();
            c.line();
            c.line();
            c.send(big + ".\r\n");
            assertEquals("250 2.0.0 <alice@example.com> Saved", c.saved());
        }
        assertEquals(big.toString().replace("\r\n..", "\r\n."), body(inbox("alice@example.com").get(0)));
        try (var files = Files.list(dir.resolve("spool"))) {
            assertEquals(0, files.count(), "the spool file is gone once saved");
        }
    }
}
