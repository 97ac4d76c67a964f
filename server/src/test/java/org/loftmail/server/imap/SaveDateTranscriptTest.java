package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8514 SAVEDATE over a real socket: the save date is when the message came into the mailbox
 * (APPEND, COPY), not its internal date, and the SAVED* search keys use it.
 */
class SaveDateTranscriptTest {
    private static final DateTimeFormatter SEARCH_DAY = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);

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
    void appendAndCopySetTheSaveDateAndSearchUsesIt() {
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        String day = SEARCH_DAY.format(today);
        String tomorrow = SEARCH_DAY.format(today.plusDays(1));
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: c1 CAPABILITY
                S: * CAPABILITY <*> SAVEDATE<*>
                S: c1 OK <*>
                C: a1 APPEND INBOX (\\Seen) "01-Jan-2020 10:00:00 +0000" {9+}
                C: Subject:
                S: a1 OK <*>
                C: a2 APPEND INBOX {9+}
                C: Subject:
                S: a2 OK <*>
                C: s1 SELECT INBOX
                """);
            t.readUntil("s1 OK");
            t.send("f1 FETCH 1 (INTERNALDATE SAVEDATE)");
            String line = t.readLine();
            assertTrue(line.startsWith("* 1 FETCH (INTERNALDATE \"01-Jan-2020 "), line);
            String saved = line.substring(line.indexOf("SAVEDATE \"") + 10);
            assertTrue(saved.startsWith(DateTimeFormatter.ofPattern("dd-MMM-yyyy ", Locale.ROOT).format(today)), line);
            t.expectLine("f1 OK <*>");
            t.run("""
                C: s2 SEARCH SINCE %1$s
                S: * SEARCH 2
                S: s2 OK <*>
                C: s3 SEARCH SAVEDSINCE %1$s
                S: * SEARCH 1 2
                S: s3 OK <*>
                C: s4 SEARCH SAVEDBEFORE %1$s
                S: * SEARCH
                S: s4 OK <*>
                C: s5 SEARCH SAVEDON %1$s SEEN
                S: * SEARCH 1
                S: s5 OK <*>
                C: s6 SEARCH SAVEDSINCE %2$s
                S: * SEARCH
                S: s6 OK <*>
                C: s7 UID SEARCH SAVEDATESUPPORTED
                S: * SEARCH 1 2
                S: s7 OK <*>
                C: s8 SEARCH SAVEDON 31-Feb-2020
                S: s8 BAD <*>
                C: s9 SEARCH SAVEDBEFORE
                S: s9 BAD <*>
                C: m1 CREATE Kept
                S: m1 OK <*>
                C: m2 COPY 1 Kept
                S: m2 OK <*>
                C: m3 EXAMINE Kept
                """.formatted(day, tomorrow));
            t.readUntil("m3 OK");
            t.send("f2 FETCH 1 (INTERNALDATE SAVEDATE)");
            String copied = t.readLine();
            assertTrue(copied.startsWith("* 1 FETCH (INTERNALDATE \"01-Jan-2020 "), copied);
            assertTrue(copied.contains("SAVEDATE \"" + DateTimeFormatter.ofPattern("dd-MMM-yyyy ", Locale.ROOT).format(today)),
                    copied);
            t.expectLine("f2 OK <*>");
        }
    }
}
