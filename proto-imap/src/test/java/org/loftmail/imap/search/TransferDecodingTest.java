package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base64 and quoted-printable decoding as streams, malformed input included. */
class TransferDecodingTest {
    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String encoded) {
        String whole = read(new Base64Input(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(whole, read(new Base64Input(Trickle.of(encoded))), "same result byte by byte");
        return whole;
    }

    private static String qp(String encoded) {
        String whole = read(new QuotedPrintableInput(
                new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(whole, read(new QuotedPrintableInput(Trickle.of(encoded))), "same result byte by byte");
        return whole;
    }

    @Test
    void base64RoundTripsRandomBytesWithLineBreaks() {
        Random random = new Random(7);
        for (int len = 0; len < 200; len += 7) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            String encoded = Base64.getMimeEncoder().encodeToString(data);
            assertArrayEquals(data, base64(encoded).getBytes(StandardCharsets.ISO_8859_1), "length " + len);
        }
    }

    @Test
    void base64IsLenient() {
        assertEquals("hello", base64("aGVs\r\nbG8="));
        assertEquals("hello", base64(" aG Vs*bG8"), "stray characters, no padding");
        assertEquals("hello world", base64("aGVsbG8=IHdvcmxk"), "concatenated blocks");
        assertEquals("hi", base64("aGk=\r\n=\r\n"), "extra padding");
        assertEquals("h", base64("aA"));
        assertEquals("", base64("a"), "a lone sextet holds no byte");
        assertEquals("", base64(""));
    }

    @Test
    void base64SingleByteReads() throws IOException {
        InputStream in = new Base64Input(Trickle.of("aGk="));
        assertEquals('h', in.read());
        assertEquals('i', in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void quotedPrintable() {
        assertEquals("caf\u00e9 \u00e9t\u00e9", qp("caf=E9 =e9t=E9"));
        assertEquals("soft break", qp("soft =\r\nbreak"));
        assertEquals("soft break", qp("soft =\nbreak"));
        assertEquals("padded break", qp("padded =  \t\r\nbreak"), "transport padding after =");
        assertEquals("hard\r\nbreak", qp("hard\r\nbreak"));
        assertEquals("a=b =zz", qp("a=b =zz"), "not an escape: kept");
        assertEquals("end", qp("end="));
        assertEquals("x=4", qp("x=4"));
        assertEquals("=", qp("=3D"));
        assertEquals("", qp(""));
    }
}
