package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;

/**
 * {@code loft run} with {@code protocols = imap lmtp}: mail handed over by LMTP (TCP and the
 * unix socket, configured as in Dovecot) is in the store IMAP reads, byte for byte, and wakes a
 * session that IDLEs on the mailbox.
 */
class LmtpDeliveryTest {
    private static final String MESSAGE = "From: s@example.org\r\nTo: alice\r\nSubject: via lmtp\r\n\r\nHello\r\n";

    @TempDir
    Path dir;
    private ImapTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        server = new ImapTestServer(dir, """
                protocols = imap lmtp
                base_dir = %s/run
                service lmtp {
                  inet_listener lmtp {
                    port = 24
                  }
                  unix_listener lmtp {
                    mode = 0600
                  }
                }
                protocol lmtp {
                  recipient_delimiter = +-
                }
                """.formatted(dir.toAbsolutePath()),
                ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(200)));
    }

    /** One LMTP transaction; the replies after DATA. */
    private static List<String> deliver(OutputStream out, BufferedReader in, String rcpt, String message)
            throws IOException {
        assertTrue(in.readLine().startsWith("220 "));
        out.write(("LHLO test\r\nMAIL FROM:<s@example.org>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        String l;
        do {
            l = in.readLine();
        } while (l.startsWith("250-"));
        assertEquals("250 2.1.0 OK", in.readLine());
        assertEquals("250 2.1.5 OK", in.readLine());
        assertEquals("354 OK", in.readLine());
        out.write((message + ".\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return List.of(in.readLine(), in.readLine());
    }

    private String stored(String user, int index) {
        UserStore u = server.node.store().user(new UserId(user));
        MailboxInfo inbox = u.mailbox(MailboxName.INBOX).orElseThrow();
        long uid = u.messages(inbox.guid(), 1, Long.MAX_VALUE).get(index).uid();
        return new String(u.content(inbox.guid(), uid).toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void tcpDeliveryWakesIdleAndFetchGivesTheStoredBytes() throws Exception {
        start();
        InetSocketAddress lmtp = server.node.lmtpAddresses().get(0);
        try (Transcript idler = server.login("alice")) {
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
            try (Socket s = new Socket(lmtp.getAddress(), lmtp.getPort())) {
                List<String> replies = deliver(s.getOutputStream(), new BufferedReader(new InputStreamReader(
                        s.getInputStream(), StandardCharsets.UTF_8)), "alice+work", MESSAGE);
                assertTrue(replies.get(0).matches("250 2\\.0\\.0 <alice\\+work> \\S+ Saved"), replies.toString());
                assertTrue(replies.get(1).startsWith("221 2.0.0 "), replies.toString());
            }
            idler.run("""
                S: * 1 EXISTS
                S: * 1 RECENT
                C: DONE
                S: i1 OK Idle completed.
                """);
            String stored = stored("alice", 0);
            assertTrue(stored.startsWith("Return-Path: <s@example.org>\r\nDelivered-To: alice+work\r\nReceived: from test ([127.0.0.1])\r\n"),
                    stored);
            assertTrue(stored.endsWith("\r\n" + MESSAGE), "the message as sent, after Loft's headers: " + stored);
            byte[] bytes = stored.getBytes(StandardCharsets.UTF_8);
            idler.send("f1 FETCH 1 BODY.PEEK[]");
            idler.expectLine("* 1 FETCH (BODY[] {" + bytes.length + "}");
            StringBuilder fetched = new StringBuilder();
            while (fetched.length() < stored.length()) {
                fetched.append(idler.readLine()).append("\r\n");
            }
            assertEquals(stored, fetched.toString(), "IMAP serves exactly the delivered bytes");
        }
    }

    @Test
    void theUnixListenerInBaseDirDeliversWithTheConfiguredDelimiters() throws Exception {
        start();
        Path socket = dir.resolve("run/lmtp");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            List<String> replies = deliver(Channels.newOutputStream(ch), new BufferedReader(new InputStreamReader(
                    Channels.newInputStream(ch), StandardCharsets.UTF_8)), "bob-lists", MESSAGE);
            assertTrue(replies.get(0).matches("250 2\\.0\\.0 <bob-lists> \\S+ Saved"), replies.toString());
        }
        assertTrue(stored("bob", 0).contains("\r\nDelivered-To: bob-lists\r\n"));
    }
}
