package org.loftmail.server.imap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FETCH over the wire: items, sections, partials, implicit \Seen, BINARY, UID FETCH. */
class FetchTranscriptTest {
    private static final String MESSAGE = String.join("\r\n",
            "From: Fred Foobar <foobar@Blurdybloop.example>",
            "Subject: afternoon meeting",
            "To: mooch@owatagu.siam.edu.example",
            "Message-Id: <B27397-0100000@Blurdybloop.example>",
            "Date: Mon, 7 Feb 1994 21:52:25 -0800",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=XX",
            "",
            "--XX",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "Hello Joe, do you think we can meet at 3:30 tomorrow?",
            "--XX",
            "Content-Type: application/octet-stream",
            "Content-Transfer-Encoding: base64",
            "",
            "AAECAw==",
            "--XX--",
            "");

    @TempDir
    Path dir;
    ImapTestServer server;
    Transcript t;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
        t = server.login("alice");
        t.send("a0 APPEND INBOX \"17-Jul-1996 02:44:25 -0700\" {" + MESSAGE.length() + "+}");
        t.send(MESSAGE);
        t.run("""
            S: a0 OK [APPENDUID <*> 1] Append completed.
            C: s1 SELECT INBOX
            S: <*>
            S: <*>
            S: * 1 EXISTS
            S: <*>
            S: <*>
            S: <*>
            S: <*>
            S: <*>
            S: s1 OK [READ-WRITE] Select completed.
            """);
    }

    @AfterEach
    void stop() {
        t.close();
        server.close();
    }

    @Test
    void simpleItemsAndMacros() {
        t.run("""
            C: a1 FETCH 1 (FLAGS UID RFC822.SIZE)
            S: * 1 FETCH (FLAGS (\\Recent) UID 1 RFC822.SIZE %d)
            S: a1 OK Fetch completed.
            C: a2 FETCH 1 ENVELOPE
            S: * 1 FETCH (ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800" "afternoon meeting" (("Fred Foobar" NIL "foobar" "Blurdybloop.example")) (("Fred Foobar" NIL "foobar" "Blurdybloop.example")) (("Fred Foobar" NIL "foobar" "Blurdybloop.example")) ((NIL NIL "mooch" "owatagu.siam.edu.example")) NIL NIL NIL "<B27397-0100000@Blurdybloop.example>"))
            S: a2 OK Fetch completed.
            C: a3 FETCH 1 INTERNALDATE
            S: * 1 FETCH (INTERNALDATE "<*>-1996 <*>")
            S: a3 OK Fetch completed.
            C: a4 UID FETCH 1 (BODY)
            S: * 1 FETCH (UID 1 BODY (("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 53 0)("APPLICATION" "OCTET-STREAM" NIL NIL NIL "BASE64" 8) "MIXED"))
            S: a4 OK Fetch completed.
            C: a5 FETCH 2 FLAGS
            S: a5 BAD Invalid messageset.
            C: a6 UID FETCH 99 FLAGS
            S: a6 OK Fetch completed.
            """.formatted(MESSAGE.length()));
    }

    @Test
    void sectionsPartialsAndImplicitSeen() {
        t.run("""
            C: a1 FETCH 1 (BODY.PEEK[1])
            S: * 1 FETCH (BODY[1] {53}
            S: Hello Joe, do you think we can meet at 3:30 tomorrow?)
            S: a1 OK Fetch completed.
            C: a2 FETCH 1 (BODY.PEEK[HEADER.FIELDS (subject TO)])
            S: * 1 FETCH (BODY[HEADER.FIELDS (SUBJECT TO)] {66}
            S: Subject: afternoon meeting
            S: To: mooch@owatagu.siam.edu.example
            S:\040
            S: )
            S: a2 OK Fetch completed.
            C: a3 FETCH 1 (BODY.PEEK[1]<6.3>)
            S: * 1 FETCH (BODY[1]<6> {3}
            S: Joe)
            S: a3 OK Fetch completed.
            C: a4 FETCH 1 (BODY.PEEK[2.MIME])
            S: * 1 FETCH (BODY[2.MIME] {77}
            S: Content-Type: application/octet-stream
            S: Content-Transfer-Encoding: base64
            S:\040
            S: )
            S: a4 OK Fetch completed.
            C: a5 FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[2])
            S: * 1 FETCH (BINARY.SIZE[2] 4 BINARY[2] ~{4}
            S: \000\001\002\003)
            S: a5 OK Fetch completed.
            C: a6 FETCH 1 FLAGS
            S: * 1 FETCH (FLAGS (\\Recent))
            S: a6 OK Fetch completed.
            C: a7 FETCH 1 BODY[1]
            S: * 1 FETCH (BODY[1] {53}
            S: Hello Joe, do you think we can meet at 3:30 tomorrow? FLAGS (\\Seen \\Recent))
            S: a7 OK Fetch completed.
            C: a8 FETCH 1 (BODY[9])
            S: * 1 FETCH (BODY[9] {0}
            S: )
            S: a8 OK Fetch completed.
            """);
    }

    @Test
    void wholeMessageIsByteIdentical() {
        t.send("a1 FETCH 1 BODY.PEEK[]");
        t.expectLine("* 1 FETCH (BODY[] {" + MESSAGE.length() + "}");
        String[] lines = MESSAGE.split("\r\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            t.expectLine(lines[i]);
        }
        t.run("""
            S: )
            S: a1 OK Fetch completed.
            """);
    }
}
