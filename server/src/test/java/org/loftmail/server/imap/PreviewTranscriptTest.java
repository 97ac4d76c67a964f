package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
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

/** RFC 8970 FETCH PREVIEW over real sockets, on the message shapes mail clients send. */
class PreviewTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        UserStore alice = server.node.store().user(new UserId("alice"));
        MailboxInfo inbox = alice.mailbox(MailboxName.INBOX).orElseGet(() -> alice.create(MailboxName.INBOX, Set.of()));
        String[] messages = {
            // 1: quoted-printable Latin-1, folded lines and runs of whitespace
            "Subject: one\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Hello   there,\r\n\r\n\tthe caf=E9 opens=\r\n at nine.\r\n",
            // 2: multipart/alternative: the plain part wins over the HTML
            "Subject: two\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + "Plain words\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>HTML words</p>\r\n--b--\r\n",
            // 3: HTML only: markup, style and entities go
            "Subject: three\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p {color: red}</style>"
                + "</head><body><p>Fish &amp; chips</p><br>&lt;today&gt;&nbsp;only</body></html>\r\n",
            // 4: an attached text file is not the message's text
            "Subject: four\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n"
                + "Content-Disposition: attachment; filename=a.txt\r\n\r\nattached\r\n--m\r\nContent-Type: text/plain\r\n\r\n"
                + "the body\r\n--m--\r\n",
            // 5: no text at all
            "Subject: five\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n",
            // 6: base64 UTF-8 with non-ASCII text, and longer than a preview
            "Subject: six\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(("Grüße " + "x".repeat(300)).getBytes(StandardCharsets.UTF_8))
                + "\r\n",
        };
        for (String m : messages) {
            alice.append(inbox.guid(), MessageContent.of(m.getBytes(StandardCharsets.UTF_8)), Flags.NONE, 0);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void previewsOfTextHtmlMultipartAndNothing() {
        try (Transcript t = server.login("alice")) {
            t.send("s SELECT INBOX");
            t.readUntil("s OK");
            t.run("""
                C: p1 FETCH 1:5 (PREVIEW)
                S: * 1 FETCH (PREVIEW {37}
                S: Hello there, the caf\u00e9 opens at nine.)
                S: * 2 FETCH (PREVIEW "Plain words")
                S: * 3 FETCH (PREVIEW "Fish & chips <today> only")
                S: * 4 FETCH (PREVIEW "the body")
                S: * 5 FETCH (PREVIEW "")
                S: p1 OK Fetch completed.
                """.replace("\u00e9", "<*>"));
            t.run("""
                C: p2 UID FETCH 6 (PREVIEW (LAZY) FLAGS)
                S: * 6 FETCH (UID 6 PREVIEW {202}
                S: Grüße %s FLAGS (\\Recent))
                S: p2 OK Fetch completed.
                C: p3 FETCH 1 (PREVIEW (EAGER))
                S: p3 BAD <*>
                C: p4 FETCH 1 (FLAGS)
                S: * 1 FETCH (FLAGS (\\Recent))
                S: p4 OK Fetch completed.
                """.formatted("x".repeat(194)));
        }
    }
}
