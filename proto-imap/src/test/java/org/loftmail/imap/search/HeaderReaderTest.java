package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderReaderTest {
    private static List<String> fields(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        HeaderReader.read(in, (name, raw) -> out.add(name + "=" + raw));
        return out;
    }

    private static List<String> fields(String header) throws IOException {
        return fields(new ByteArrayInputStream(header.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void unfoldsAndStopsAtTheBlankLine() throws IOException {
        assertEquals(List.of("subject=one two", "x-a=", "to=a,\t b", "from=x"),
                fields("Subject:  one\r\n two\r\nX-A:\r\nTo: a,\r\n\t b\r\nFROM:x\r\n\r\nBody: no\r\n"));
        assertEquals(List.of("subject=lf only"), fields("Subject: lf only\n\nbody"));
        assertEquals(List.of("subject=no end"), fields("Subject: no end"));
        assertEquals(List.of("subject=starts on next line"), fields("Subject:\r\n starts on next line\r\n\r\n"));
        assertEquals(List.of(), fields(""));
        assertEquals(List.of(), fields("\r\nSubject: in body\r\n"));
    }

    @Test
    void skipsLinesWithoutAColon() throws IOException {
        assertEquals(List.of("a=1", "b=2"), fields("a: 1\r\nbroken line\r\n continued\r\n: no name\r\nb: 2\r\n\r\n"));
    }

    @Test
    void capsHugeFields() throws IOException {
        String huge = "x".repeat(HeaderReader.MAX_FIELD * 2);
        List<String> f = fields("Subject: " + huge + "\r\n " + huge + "\r\nTo: t\r\n\r\n");
        assertEquals(2, f.size());
        assertEquals("subject=".length() + HeaderReader.MAX_FIELD - 1, f.get(0).length(),
                "capped, then the space after the colon stripped");
        assertEquals("to=t", f.get(1));
    }

    @Test
    void offsetInputEndsAtItsLimit() throws IOException {
        OffsetInput in = new OffsetInput(new ByteArrayInputStream(
                "junkA: 1\r\nB: 2\r\nC: 3\r\n".getBytes(StandardCharsets.US_ASCII)));
        in.skipTo(4);
        in.limit(16);
        assertEquals(List.of("a=1", "b=2"), fields(in));
        in.limit(Long.MAX_VALUE);
        in.skipTo(2);
        assertEquals(List.of("c=3"), fields(in), "skipping backwards does nothing");
    }

    @Test
    void offsetInputSkippedPastItsEndReadsNothing() throws IOException {
        OffsetInput in = new OffsetInput(new ByteArrayInputStream("A: 1\r\n".getBytes(StandardCharsets.US_ASCII)));
        in.skipTo(100);
        assertEquals(-1, in.read());
        in.skipTo(200);
        assertEquals(-1, in.read(new byte[8], 0, 8));
    }
}
