package org.loftmail.pop3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffedStreamTest {
    /** Reads the stream in reads of {@code step} octets from a source that gives one octet a read. */
    private static String wire(String stored, long lines, int step) throws IOException {
        InputStream trickle = new ByteArrayInputStream(stored.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        try (DotStuffedStream s = new DotStuffedStream(trickle, lines)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[step];
            for (int n = s.read(buf, 0, step); n > 0; n = s.read(buf, 0, step)) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void lineEndsBecomeCrlfAndLeadingDotsAreDoubled() throws IOException {
        String stored = "A: b\n\n.x\r\n..y\n.\nmid.dot\r\n";
        String expected = "A: b\r\n\r\n..x\r\n...y\r\n..\r\nmid.dot\r\n";
        for (int step : new int[] {1, 2, 3, 7, 4096}) {
            assertEquals(expected, wire(stored, DotStuffedStream.ALL, step), "step " + step);
        }
    }

    @Test
    void aMissingLastLineEndIsAdded() throws IOException {
        assertEquals("A: b\r\n\r\nlast\r\n", wire("A: b\n\nlast", DotStuffedStream.ALL, 5));
        assertEquals("A: b\r\n\r\nlast\r\n", wire("A: b\n\nlast\r", DotStuffedStream.ALL, 5));
        assertEquals("", wire("", DotStuffedStream.ALL, 5));
    }

    @Test
    void aBareCrInsideALineIsContent() throws IOException {
        assertEquals("a\rb\r\n", wire("a\rb\n", DotStuffedStream.ALL, 1));
        assertEquals("H: 1\r\n\r\r\n\r\nb\r\n", wire("H: 1\n\r\r\n\nb\n", 1, 64),
                "a line holding only a CR is not the end of the header");
    }

    @Test
    void topStopsAfterTheHeaderAndNLines() throws IOException {
        String stored = "H: 1\r\nH: 2\r\n\r\nl1\r\n.l2\r\nl3\r\n";
        assertEquals("H: 1\r\nH: 2\r\n\r\n", wire(stored, 0, 3));
        assertEquals("H: 1\r\nH: 2\r\n\r\nl1\r\n..l2\r\n", wire(stored, 2, 3));
        assertEquals(wire(stored, DotStuffedStream.ALL, 3), wire(stored, 99, 3));
        assertEquals("H: 1\r\n", wire("H: 1", 0, 3), "a message without a body gives its whole header");
    }
}
