package org.loftmail.pop3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotStufferTest {
    private static String stuffed(byte[] stored, long lines, int piece) {
        ByteBuf out = Unpooled.buffer();
        // A view that does not start at 0, as a message inside a mapped dbox file does not.
        byte[] padded = new byte[stored.length + 7];
        System.arraycopy(stored, 0, padded, 3, stored.length);
        ByteBuffer src = ByteBuffer.wrap(padded, 3, stored.length).slice(3, stored.length).asReadOnlyBuffer();
        long n = DotStuffer.write(src, lines, () -> out, piece);
        assertEquals(out.readableBytes(), n, "the count returned is what was written");
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String streamed(byte[] stored, long lines) throws IOException {
        try (DotStuffedStream s = new DotStuffedStream(new ByteArrayInputStream(stored), lines)) {
            return new String(s.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theRfcCases() {
        byte[] stored = "A: b\n\n.x\r\n..y\n.\nmid.dot\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("A: b\r\n\r\n..x\r\n...y\r\n..\r\nmid.dot\r\n", stuffed(stored, DotStuffedStream.ALL, 65536));
        assertEquals("A: b\r\n\r\n", stuffed(stored, 0, 65536));
        assertEquals("last\r\n", stuffed("last\r".getBytes(StandardCharsets.ISO_8859_1), DotStuffedStream.ALL, 2));
    }

    @Test
    void aCrlfSplitAcrossPiecesStaysOneLineEnd() {
        byte[] stored = "abc\r\ndef\r\n".getBytes(StandardCharsets.ISO_8859_1);
        // Pieces of 4: "abc\r" then "\n"; the CR must not be doubled.
        assertEquals("abc\r\ndef\r\n", stuffed(stored, DotStuffedStream.ALL, 4));
    }

    /** Random messages of dots, CRs, LFs, letters and octets next to LF in value: both conversions agree, for RETR and TOP, whatever the pieces. */
    @Test
    void agreesWithTheStreamOnRandomMessages() throws IOException {
        Random random = new Random(7);
        byte[] alphabet = {'.', '\r', '\n', '\n', 'a', ':', ' ', 0x0b, 0x09, (byte) 0x8a, (byte) 0xff, 0};
        for (int i = 0; i < 3000; i++) {
            byte[] stored = new byte[random.nextInt(200)];
            for (int j = 0; j < stored.length; j++) {
                stored[j] = alphabet[random.nextInt(alphabet.length)];
            }
            long lines = random.nextBoolean() ? DotStuffedStream.ALL : random.nextInt(4);
            int piece = 1 + random.nextInt(40);
            assertEquals(streamed(stored, lines), stuffed(stored, lines, piece),
                    () -> "message " + new String(stored, StandardCharsets.ISO_8859_1).replace("\r", "\\r")
                            .replace("\n", "\\n") + ", lines " + lines + ", piece " + piece);
        }
    }
}
