package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.LoftTestServer;

/**
 * Debian's fetchmail downloads a maildrop from Loft over POP3 with TLS (POP3S and STLS), checking
 * Loft's certificate, and keeps the messages on the server; a second run fetches nothing,
 * because the UIDLs it remembers are the same.
 */
final class FetchmailTest {
    private static final int MESSAGES = 5;

    @TempDir
    Path dir;
    private LoftTestServer loft;

    @BeforeEach
    void start() {
        loft = LoftTestServer.start(dir.resolve("loft"), ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofMillis(10)), "carol:{PLAIN}carol-pw\n", """
                protocols = imap pop3
                service pop3-login {
                  inet_listener pop3 {
                    port = 110
                  }
                  inet_listener pop3s {
                    port = 995
                    ssl = yes
                  }
                }
                """);
        UserStore carol = loft.node().store().user(new org.loftmail.core.model.UserId("carol"));
        MailboxInfo inbox = carol.mailbox(MailboxName.INBOX).orElseThrow();
        for (int i = 1; i <= MESSAGES; i++) {
            carol.append(inbox.guid(), MessageContent.of(("From: s@example.org\r\nSubject: fetch " + i
                    + "\r\nMessage-ID: <f" + i + "@example.org>\r\n\r\nbody " + i + "\r\n.dot line\r\n")
                    .getBytes(StandardCharsets.US_ASCII)), Flags.NONE, System.currentTimeMillis());
        }
    }

    @AfterEach
    void stop() {
        loft.close();
    }

    @Test
    void pop3sDownloadsEverythingOnceAndTheSecondRunFindsNothingNew() throws Exception {
        InetSocketAddress pop3s = loft.pop3().get(1);
        Path out = dir.resolve("pop3s.mbox");
        Run first = fetchmail(pop3s.getPort(), "ssl", out);
        assertEquals(0, first.exit(), first.output());
        String mbox = Files.readString(out);
        for (int i = 1; i <= MESSAGES; i++) {
            assertTrue(mbox.contains("Subject: fetch " + i + "\n"), "message " + i + " fetched: " + mbox);
        }
        assertTrue(mbox.contains("\n.dot line\n"), "dot-stuffing undone by fetchmail: " + mbox);
        Run second = fetchmail(pop3s.getPort(), "ssl", out);
        // fetchmail's exit code 1: no new mail.
        assertEquals(1, second.exit(), second.output());
        assertEquals(mbox, Files.readString(out), "nothing fetched twice");
        assertEquals(MESSAGES, inboxSize(), "kept on the server");
    }

    @Test
    void stlsUpgradesThePlainPort() throws Exception {
        InetSocketAddress pop3 = loft.pop3().get(0);
        Path out = dir.resolve("stls.mbox");
        Run run = fetchmail(pop3.getPort(), "sslproto tls1.2+", out);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("STLS"), "fetchmail used STLS: " + run.output());
        String mbox = Files.readString(out);
        assertEquals(MESSAGES, mbox.split("Subject: fetch ", -1).length - 1, mbox);
    }

    private int inboxSize() {
        UserStore carol = loft.node().store().user(new org.loftmail.core.model.UserId("carol"));
        MailboxInfo inbox = carol.mailbox(MailboxName.INBOX).orElseThrow();
        return carol.messages(inbox.guid(), 1, Long.MAX_VALUE).size();
    }

    private record Run(int exit, String output) {
    }

    /** One fetchmail run (verbose) into {@code mbox}, keeping mail on the server, remembering UIDLs. */
    private Run fetchmail(int port, String tls, Path mbox) throws Exception {
        Path rc = dir.resolve("fetchmailrc-" + port);
        Files.writeString(rc, """
                set no bouncemail
                set no syslog
                poll 127.0.0.1 with proto POP3 port %d uidl
                  user 'carol' there with password 'carol-pw' is 'root' here
                  options keep %s sslcertck sslcertfile '%s' sslcommonname localhost
                  mda "/usr/bin/tee -a %s"
                """.formatted(port, tls, loft.certificate().toAbsolutePath(), mbox.toAbsolutePath()));
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Path log = dir.resolve("fetchmail-" + port + ".log");
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("fetchmail", "-v", "-f", rc.toString(), "-i",
                    dir.resolve("fetchids").toString(), "--nodetach", "--invisible")
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("HOME", dir.toString());
            p = pb.start();
        } catch (IOException e) {
            return fail("fetchmail is not installed (Debian package fetchmail; .ci/run installs it): " + e);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("fetchmail did not finish: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    }

}
