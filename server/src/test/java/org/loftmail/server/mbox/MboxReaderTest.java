package org.loftmail.server.mbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;

class MboxReaderTest {
    private static MboxReader reader(String text) {
        return new MboxReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(MboxMessage m) {
        return new String(m.content().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsMessagesAndUnescapesFromLines() throws IOException {
        MboxReader r = reader("From alice@example.org Sat Jan  3 01:05:34 1996\n"
                + "Subject: one\nStatus: RO\nX-Status: AF\n\n>From the start\n>>From kept one level\nFrom inside is not a separator\n\n"
                + "From bob@example.org Mon Feb 10 12:00:00 2025\nSubject: two\n\nbody\n\n");
        MboxMessage one = r.next();
        assertEquals("Subject: one\nStatus: RO\nX-Status: AF\n\nFrom the start\n>From kept one level\n"
                + "From inside is not a separator\n", text(one));
        assertEquals(Instant.parse("1996-01-03T01:05:34Z").toEpochMilli(), one.internalDate());
        assertEquals(Flags.of(Flags.SEEN | Flags.ANSWERED | Flags.FLAGGED), one.flags());
        MboxMessage two = r.next();
        assertEquals("Subject: two\n\nbody\n", text(two));
        assertEquals(Flags.NONE, two.flags());
        assertNull(r.next());
    }

    @Test
    void lastMessageWithoutTrailingBlankLineIsKept() throws IOException {
        MboxReader r = reader("From x Thu Jan  1 00:00:00 1970\nSubject: s\n\nno newline at end");
        assertEquals("Subject: s\n\nno newline at end", text(r.next()));
        assertNull(r.next());
    }

    @Test
    void notAnMboxIsRefused() {
        assertThrows(IOException.class, () -> reader("Subject: not mbox\n\nbody\n").next());
    }

    @Test
    void largeMessagesSpillToDiskAndLongLinesAreNotSeparators() throws IOException {
        StringBuilder big = new StringBuilder("From x Thu Jan  1 00:00:00 1970\nSubject: big\n\n");
        String line = "x".repeat(99) + "\n";
        while (big.length() < MessageSpool.IN_MEMORY + 1_000_000) {
            big.append(line);
        }
        // A 200 KB line whose later chunks start with "From " must not split the message.
        big.append("y".repeat(65536 - 1)).append("\n\n").append("z".repeat(70_000)).append("From not a separator\n");
        big.append("\nFrom x Thu Jan  1 00:00:00 1970\nSubject: small\n\nok\n");
        MboxReader r = reader(big.toString());
        MboxMessage m = r.next();
        assertNotNull(m.spoolFile(), "a message over the in-memory limit is spooled to a file");
        String expected = big.substring(big.indexOf("\n") + 1, big.indexOf("\n\nFrom x", 100) + 1);
        assertEquals(expected.length(), m.content().size());
        assertEquals(expected, text(m));
        m.discard();
        assertFalse(java.nio.file.Files.exists(m.spoolFile()));
        assertEquals("Subject: small\n\nok\n", text(r.next()));
        assertNull(r.next());
    }

    @Test
    void emptyFileHasNoMessages() throws IOException {
        assertNull(reader("").next());
    }
}
