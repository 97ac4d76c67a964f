package org.loftmail.lmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level reading of commands, DATA and BDAT, including the cases MTAs get wrong on purpose. */
class LmtpInputTest {
    private static LmtpInput input(String s) {
        return input(s.getBytes(StandardCharsets.ISO_8859_1), 16384);
    }

    /** Delivers at most {@code chunk} bytes per read, so state must carry across buffer refills. */
    private static LmtpInput input(byte[] b, int chunk) {
        InputStream in = new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] d, int off, int len) {
                return super.read(d, off, Math.min(len, chunk));
            }
        };
        return new LmtpInput(in);
    }

    private static String data(String wire, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LmtpInput.Body body = input(wire.getBytes(StandardCharsets.ISO_8859_1), chunk).readData(sink, 1 << 20);
        assertEquals(sink.size(), body.size());
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void dataEndsAtCrlfDotCrlfAndLosesItsStuffedDots() throws IOException {
        String wire = "Subject: x\r\n\r\n..leading dot\r\n.\r\nNOT DATA";
        for (int chunk : new int[] {1, 2, 3, 7, 16384}) {
            assertEquals("Subject: x\r\n\r\n.leading dot\r\n", data(wire, chunk), "chunk " + chunk);
        }
        assertEquals("", data(".\r\n", 1), "an empty message");
        assertEquals(".\r\n", data("..\r\n.\r\n", 1));
    }

    @Test
    void bareLineFeedsNeverEndTheMessage() throws IOException {
        // SMTP smuggling: "LF . LF" or "CR . CR" must not end DATA, or a second message could hide in the first.
        assertEquals("a\n.\nb\r\n", data("a\n.\nb\r\n.\r\n", 1));
        assertEquals("a\r.\rb\r\n", data("a\r.\rb\r\n.\r\n", 2));
        assertEquals("a\r\n\rb\r\n", data("a\r\n.\rb\r\n.\r\n", 1), "a dot then a bare CR: the dot was stuffed, the CR is content");
        assertEquals("a\n\r\n", data("a\n\r\n.\r\n", 3));
    }

    @Test
    void binaryAndNulBytesPassThrough() throws IOException {
        byte[] wire = {'x', 0, (byte) 0xff, (byte) 0xe9, '\r', '\n', '.', '\r', '\n'};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        input(wire, 1).readData(sink, 100);
        assertArrayEquals(new byte[] {'x', 0, (byte) 0xff, (byte) 0xe9, '\r', '\n'}, sink.toByteArray());
    }

    @Test
    void aMessageOverTheLimitIsReadToItsEndButNotKept() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LmtpInput in = input("0123456789\r\n.\r\nQUIT\r\n");
        LmtpInput.Body body = in.readData(sink, 5);
        assertTrue(body.tooBig());
        assertTrue(sink.size() <= 6, "at most one byte past the limit is kept: " + sink.size());
        assertEquals("QUIT", in.readLine(512), "the next command is in step");
    }

    @Test
    void aStreamThatEndsInsideDataIsNoMessage() throws IOException {
        assertNull(input("Subject: x\r\n\r\nno end").readData(new ByteArrayOutputStream(), 100));
        assertNull(input("Subject: x\r\n.").readData(new ByteArrayOutputStream(), 100));
    }

    @Test
    void linesEndInLfOrCrlfAndAnOverlongOneIsSkippedWhole() throws IOException {
        LmtpInput in = input("LHLO a\r\nNOOP\n" + "X".repeat(600) + "\r\nQUIT\r\n");
        assertEquals("LHLO a", in.readLine(512));
        assertEquals("NOOP", in.readLine(512));
        assertThrows(LmtpInput.LineTooLongException.class, () -> in.readLine(512));
        assertEquals("QUIT", in.readLine(512));
        assertNull(in.readLine(512));
    }

    @Test
    void chunksAreExactlyTheirSize() throws IOException {
        LmtpInput in = input(("abc\r\n.\r\n" + "RSET\r\n").getBytes(StandardCharsets.US_ASCII), 2);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertTrue(in.readChunk(8, sink, 0, 100));
        assertEquals("abc\r\n.\r\n", sink.toString(StandardCharsets.US_ASCII), "no dot handling in BDAT");
        assertEquals("RSET", in.readLine(512));
        assertFalse(input("ab").readChunk(3, new ByteArrayOutputStream(), 0, 100), "the stream ended early");
    }
}
