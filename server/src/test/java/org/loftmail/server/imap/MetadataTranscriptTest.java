package org.loftmail.server.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5464 METADATA over a real socket: the RFC's examples, DEPTH and MAXSIZE, literal and
 * binary values, removal, limits, bad names, and entries following their mailbox through
 * RENAME and DELETE.
 */
class MetadataTranscriptTest {
    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setAndGetMailboxAndServerEntries() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a SETMETADATA INBOX (/private/comment "My comment" /shared/comment "Its sunny outside!")
                S: a OK Setmetadata completed.
                C: b GETMETADATA "INBOX" /private/comment
                S: * METADATA INBOX (/private/comment "My comment")
                S: b OK Getmetadata completed.
                C: c GETMETADATA inbox (/shared/comment /PRIVATE/Comment /private/missing)
                S: * METADATA INBOX (/shared/comment "Its sunny outside!" /private/comment "My comment" /private/missing NIL)
                S: c OK Getmetadata completed.
                C: d SETMETADATA "" (/shared/admin "mailto:admin@example.com")
                S: d OK Setmetadata completed.
                C: e GETMETADATA "" (/shared/admin /shared/comment)
                S: * METADATA "" (/shared/admin "mailto:admin@example.com" /shared/comment NIL)
                S: e OK Getmetadata completed.
                C: f SETMETADATA INBOX (/private/comment NIL)
                S: f OK Setmetadata completed.
                C: g GETMETADATA INBOX (/private/comment /shared/comment)
                S: * METADATA INBOX (/private/comment NIL /shared/comment "Its sunny outside!")
                S: g OK Getmetadata completed.
                C: h SELECT INBOX
                """);
            t.readUntil("h OK");
            t.run("""
                C: i GETMETADATA INBOX /shared/comment
                S: * METADATA INBOX (/shared/comment "Its sunny outside!")
                S: i OK Getmetadata completed.
                """);
        }
    }

    @Test
    void depthAndMaxSize() {
        String longValue = "x".repeat(100);
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a SETMETADATA INBOX (/private/filters/values/small "1" /private/filters/values/big "2" /private/filters/values/big/deep "3" /private/filters/other "4")
                S: a OK <*>
                C: b GETMETADATA (DEPTH 1) INBOX (/private/filters/values)
                S: * METADATA INBOX (/private/filters/values/big "2" /private/filters/values/small "1")
                S: b OK Getmetadata completed.
                C: c GETMETADATA (DEPTH infinity) INBOX /private/filters
                S: * METADATA INBOX (/private/filters/other "4" /private/filters/values/big "2" /private/filters/values/big/deep "3" /private/filters/values/small "1")
                S: c OK Getmetadata completed.
                C: d GETMETADATA (DEPTH 0) INBOX /private/filters
                S: * METADATA INBOX (/private/filters NIL)
                S: d OK Getmetadata completed.
                C: e SETMETADATA INBOX (/private/long "%s" /private/short "tiny")
                S: e OK <*>
                C: f GETMETADATA (MAXSIZE 10 DEPTH 1) INBOX (/private/long /private/short)
                S: * METADATA INBOX (/private/short "tiny")
                S: f OK [METADATA LONGENTRIES 100] Getmetadata completed.
                C: g GETMETADATA (MAXSIZE 10) INBOX /private/long
                S: g OK [METADATA LONGENTRIES 100] Getmetadata completed.
                """.formatted(longValue));
        }
    }

    @Test
    void literalAndBinaryValues() {
        try (Transcript t = server.login("alice")) {
            t.send("a SETMETADATA INBOX (/private/note {12+}");
            t.sendRaw("line1\r\nline2)\r\n".getBytes(StandardCharsets.US_ASCII));
            t.run("""
                S: a OK <*>
                C: b GETMETADATA INBOX /private/note
                S: * METADATA INBOX (/private/note {12}
                S: line1
                S: line2)
                S: b OK <*>
                """);
            t.send("c SETMETADATA INBOX (/private/bin ~{3+}");
            t.sendRaw("a\0b)\r\n".getBytes(StandardCharsets.ISO_8859_1));
            t.expectLine("c OK <*>");
            t.send("d GETMETADATA INBOX /private/bin");
            t.expectLine("* METADATA INBOX (/private/bin ~{3}");
            t.expectLine("a\0b)");
            t.expectLine("d OK <*>");
        }
    }

    @Test
    void badNamesLimitsAndMissingMailboxes() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a SETMETADATA INBOX (/foo "x")
                S: a BAD <*>
                C: b SETMETADATA INBOX (/private/a* "x")
                S: b BAD <*>
                C: c SETMETADATA INBOX (/private/ "x")
                S: c BAD <*>
                C: d GETMETADATA INBOX (/private//x)
                S: d BAD <*>
                C: e GETMETADATA (DEPTH 2) INBOX /private
                S: e BAD <*>
                C: f SETMETADATA INBOX (/private "x")
                S: f BAD <*>
                C: g SETMETADATA INBOX (/private/x ("list"))
                S: g BAD <*>
                C: h SETMETADATA Nowhere (/private/x "1")
                S: h NO [NONEXISTENT] <*>
                C: i GETMETADATA Nowhere /private/x
                S: i NO [NONEXISTENT] <*>
                """);
            // A value over 64 KiB is refused and nothing of the command is stored.
            t.send("j SETMETADATA INBOX (/private/ok \"fine\" /private/huge {65537+}");
            t.sendRaw(("y".repeat(65537) + ")\r\n").getBytes(StandardCharsets.US_ASCII));
            t.run("""
                S: j NO [METADATA MAXSIZE 65536] <*>
                C: k GETMETADATA INBOX (/private/ok /private/huge)
                S: * METADATA INBOX (/private/ok NIL /private/huge NIL)
                S: k OK <*>
                """);
            StringBuilder many = new StringBuilder("l SETMETADATA INBOX (");
            for (int i = 0; i < 100; i++) {
                many.append(i == 0 ? "" : " ").append("/private/n").append(i).append(" \"v\"");
            }
            t.send(many.append(")").toString());
            t.run("""
                S: l OK <*>
                C: m SETMETADATA INBOX (/private/n0 "replaced" /private/one-more "v")
                S: m NO [METADATA TOOMANY] <*>
                C: n GETMETADATA INBOX (/private/n0 /private/one-more)
                S: * METADATA INBOX (/private/n0 "v" /private/one-more NIL)
                S: n OK <*>
                C: o SETMETADATA INBOX (/private/n1 NIL /private/one-more "v")
                S: o OK <*>
                C: p SETMETADATA "" (/private/n1 "server entries count apart")
                S: p OK <*>
                """);
        }
    }

    @Test
    void entriesFollowRenameAndGoWithDelete() {
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a CREATE Work
                S: a OK <*>
                C: b SETMETADATA Work (/private/comment "projects")
                S: b OK <*>
                C: c RENAME Work Job
                S: c OK <*>
                C: d GETMETADATA Job /private/comment
                S: * METADATA Job (/private/comment "projects")
                S: d OK <*>
                C: e DELETE Job
                S: e OK <*>
                C: f CREATE Job
                S: f OK <*>
                C: g GETMETADATA Job /private/comment
                S: * METADATA Job (/private/comment NIL)
                S: g OK <*>
                """);
        }
        // The entries are in the index: a new connection sees them.
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: a SETMETADATA INBOX (/shared/x "kept")
                S: a OK <*>
                """);
        }
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: b GETMETADATA INBOX /shared/x
                S: * METADATA INBOX (/shared/x "kept")
                S: b OK <*>
                """);
        }
    }
}
