package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.LoftTestServer;

/**
 * The standard "Postfix + Dovecot" delivery path with Loft in Dovecot's place: swaks sends to a
 * real Postfix, whose {@code virtual_transport} hands the mail to Loft's LMTP — over the unix
 * socket ({@code lmtp:unix:…}, owned by postfix as the guides set it) and over TCP
 * ({@code lmtp:inet:127.0.0.1:port}) — and the mail is then read over IMAP, byte for byte.
 */
final class PostfixLmtpTest {
    @TempDir
    Path dir;
    private LoftTestServer loft;
    private PostfixInstance postfix;

    @BeforeEach
    void start() throws IOException {
        PostfixInstance.requireInstalled();
        // The lmtp client runs as postfix and must reach the socket inside this (root's, 0700) directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        loft = LoftTestServer.start(dir.resolve("loft"), ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofMillis(10)), "alice@example.com:{PLAIN}pw\n", """
                protocols = imap pop3 lmtp
                base_dir = %s/run
                service pop3-login {
                  inet_listener pop3 {
                    port = 110
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    port = 24
                  }
                  unix_listener dovecot-lmtp {
                    mode = 0600
                    user = postfix
                    group = postfix
                  }
                }
                """.formatted(dir.toAbsolutePath()));
        Files.setPosixFilePermissions(dir.resolve("loft"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (postfix != null) {
                postfix.stop();
            }
        } finally {
            loft.close();
        }
    }

    @Test
    void postfixDeliversOverTheUnixSocket() throws Exception {
        relayAndRead("lmtp:unix:" + dir.resolve("run/dovecot-lmtp"), 1);
    }

    @Test
    void postfixDeliversOverTcp() throws Exception {
        InetSocketAddress lmtp = loft.node().lmtpAddresses().get(0);
        relayAndRead("lmtp:inet:127.0.0.1:" + lmtp.getPort(), 1);
    }

    private void relayAndRead(String transport, int expected) throws Exception {
        postfix = PostfixInstance.startRelay(dir.resolve("postfix"), "example.com", transport);
        String message = "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <t1@example.org>\r\n"
                + "From: Sender <s@example.org>\r\nTo: alice@example.com\r\nSubject: through Postfix\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Gr\u00fc\u00dfe \u2014 eight-bit body\r\n.a line that starts with a dot\r\n";
        Path data = dir.resolve("message.eml");
        // swaks ends DATA with CRLF . CRLF after the file, so the file leaves out the last line end.
        Files.writeString(data, message.substring(0, message.length() - 2), StandardCharsets.UTF_8);
        PostfixInstance.Run run = postfix.run(dir.resolve("swaks.log"), "swaks", "--server", "127.0.0.1:" + postfix.port(),
                "--from", "s@example.org", "--to", "alice@example.com", "--data", data.toString(), "--timeout", "20");
        assertEquals(0, run.exitCode(), run.output() + "\n--- maillog ---\n" + postfix.log());
        assertTrue(run.output().contains("<-  250 2.0.0 Ok: queued"), run.output());

        String stored = awaitDelivery(expected);
        assertTrue(stored.startsWith("Return-Path: <s@example.org>\r\nDelivered-To: alice@example.com\r\n"
                + "Received: from postfix-test.loft.invalid"), stored);
        assertTrue(stored.contains("\r\nReceived: from "), "Postfix's own Received header follows: " + stored);
        assertTrue(stored.endsWith("\r\n" + message), "the message as swaks sent it: " + stored);
        assertEquals(stored, new String(imapFetch(), StandardCharsets.UTF_8), "IMAP reads the delivered bytes");
        assertEquals(stored, pop3Retr(), "POP3 too");
        assertTrue(postfix.log().contains("status=sent (250 2.0.0 <alice@example.com>"), postfix.log());
    }

    private String awaitDelivery(int count) throws Exception {
        UserStore alice = loft.node().store().user(new org.loftmail.core.model.UserId("alice@example.com"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            MailboxInfo inbox = alice.mailbox(MailboxName.INBOX).orElseThrow();
            var messages = alice.messages(inbox.guid(), 1, Long.MAX_VALUE);
            if (messages.size() >= count) {
                return new String(alice.content(inbox.guid(), messages.get(count - 1).uid()).toByteArray(),
                        StandardCharsets.UTF_8);
            }
            Thread.sleep(100);
        }
        return fail("Postfix did not deliver within 30 s\n--- maillog ---\n" + postfix.log());
    }

    /** BODY.PEEK[] of INBOX message 1 over IMAP on loopback (where plaintext LOGIN is allowed). */
    private byte[] imapFetch() throws IOException {
        InetSocketAddress imap = loft.imap();
        try (Socket s = new Socket(imap.getAddress(), imap.getPort())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            line(in);
            out.write("a LOGIN alice@example.com pw\r\nb SELECT INBOX\r\nc FETCH 1 BODY.PEEK[]\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Pattern literal = Pattern.compile("\\* 1 FETCH \\(BODY\\[\\] \\{(\\d+)\\}");
            for (String l = line(in); l != null; l = line(in)) {
                Matcher m = literal.matcher(l);
                if (m.matches()) {
                    return in.readNBytes(Integer.parseInt(m.group(1)));
                }
                if (l.startsWith("a NO") || l.startsWith("b NO") || l.startsWith("c ")) {
                    fail("IMAP: " + l);
                }
            }
            return fail("no FETCH response");
        }
    }

    /** RETR 1 over POP3 on loopback, dot-stuffing undone. */
    private String pop3Retr() throws IOException {
        InetSocketAddress pop3 = loft.pop3().get(0);
        try (Socket s = new Socket(pop3.getAddress(), pop3.getPort())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            s.getOutputStream().write("USER alice@example.com\r\nPASS pw\r\nRETR 1\r\nQUIT\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            // The greeting, USER, PASS and RETR's own +OK.
            for (int i = 0; i < 4; i++) {
                String l = line(in);
                assertTrue(l != null && l.startsWith("+OK"), "POP3: " + l);
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (String l = line(in); l != null && !l.equals("."); l = line(in)) {
                raw.writeBytes(((l.startsWith(".") ? l.substring(1) : l) + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            return raw.toString(StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

}
