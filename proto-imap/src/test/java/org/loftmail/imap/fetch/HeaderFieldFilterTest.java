package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldFilterTest {

    private static String filter(String header, boolean exclude, String... names) throws IOException {
        try (InputStream in = new HeaderFieldFilter(
                new ByteArrayInputStream(header.getBytes(StandardCharsets.ISO_8859_1)), List.of(names), exclude)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void linesWithoutAFieldName() throws IOException {
        String header = " leading continuation\r\nno colon here\r\nA: 1\r\n\tmore\r\n:empty name\r\n\r\n";
        assertEquals("A: 1\r\n\tmore\r\n\r\n", filter(header, false, "a"));
        assertEquals(" leading continuation\r\nno colon here\r\n:empty name\r\n\r\n", filter(header, true, "a"));
    }

    @Test
    void stopsAtTheBlankLine() throws IOException {
        assertEquals("A: 1\r\n\r\n", filter("A: 1\r\nB: 2\r\n\r\nA: body\r\n", false, "A"));
    }

    @Test
    void loneCrIsNotALineEnd() throws IOException {
        assertEquals("A: 1\rB: 2\r\n\r\n", filter("A: 1\rB: 2\r\nB: 3\r\n\r\n", false, "A"));
        assertEquals("\r: x\r\n\r\n", filter("\r: x\r\n\r\n", true, "A"));
    }

    @Test
    void veryLongNamesMatchNothing() throws IOException {
        String longName = "X".repeat(5000);
        String header = longName + ": v\r\nA: 1\r\n\r\n";
        assertEquals("A: 1\r\n\r\n", filter(header, false, longName, "A"));
        assertEquals(header, filter(header, true, "A-other"));
    }

    @Test
    void eightBitNamesCompareAsOctets() throws IOException {
        String header = "X-\u00c3\u00a9: v\r\nA: 1\r\n\r\n";
        assertEquals("X-\u00c3\u00a9: v\r\n\r\n", filter(header, false, "x-\u00e9"));
    }
}
