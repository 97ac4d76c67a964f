package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Content-Transfer-Encoding decoders, malformed input included, and the field values they are
 * chosen by. Every input is decoded three ways that must agree: in bulk, one octet of the source
 * per read (so the decoder meets every split point), and one octet out then the rest in bulk.
 */
class TransferDecodingTest {

    private static String decode(TransferEncoding encoding, String encoded) throws IOException {
        byte[] bytes = encoded.getBytes(StandardCharsets.ISO_8859_1);
        String bulk;
        try (InputStream in = encoding.decode(new ByteArrayInputStream(bytes))) {
            bulk = latin1(in.readAllBytes());
        }
        try (InputStream in = encoding.decode(oneOctetPerRead(bytes))) {
            assertEquals(bulk, latin1(in.readAllBytes()), "same result octet by octet");
        }
        try (InputStream in = encoding.decode(new ByteArrayInputStream(bytes))) {
            StringBuilder b = new StringBuilder();
            int c = in.read();
            if (c >= 0) {
                b.append((char) c);
            }
            assertEquals(bulk, b.append(latin1(in.readAllBytes())).toString(), "same result after read()");
        }
        return bulk;
    }

    private static InputStream oneOctetPerRead(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String qp(String encoded) throws IOException {
        return decode(TransferEncoding.QUOTED_PRINTABLE, encoded);
    }

    private static String base64(String encoded) throws IOException {
        return decode(TransferEncoding.BASE64, encoded);
    }

    @Test
    void quotedPrintableEscapes() throws IOException {
        assertEquals("caf\u00c3\u00a9", qp("caf=C3=a9"));
        assertEquals("caf\u00e9 \u00e9t\u00e9", qp("caf=E9 =e9t=E9"));
        assertEquals("=", qp("=3D"));
        assertEquals("", qp(""));
    }

    @Test
    void quotedPrintableSoftBreaks() throws IOException {
        assertEquals("soft break", qp("soft =\r\nbreak"));
        assertEquals("soft break", qp("soft =\nbreak"), "bare LF");
        assertEquals("soft break", qp("soft = \t\r\nbreak"), "transport padding after =");
        assertEquals("padded break", qp("padded =  \t\r\nbreak"));
        assertEquals("soft break", qp("soft = \t\nbreak"));
        assertEquals("end", qp("end="));
        assertEquals("end", qp("end= "));
    }

    @Test
    void quotedPrintableDropsTrailingWhiteSpaceAndKeepsLineEnds() throws IOException {
        assertEquals("trailing\r\nspace", qp("trailing \t \r\nspace  "));
        assertEquals("trailing\nspace", qp("trailing \t \nspace  "));
        assertEquals("hard\r\nbreak", qp("hard\r\nbreak"));
        assertEquals("\r\n\r\n", qp("\r\n\r\n"));
        assertEquals("\n\r\n", qp("\n\r\n"));
        assertEquals("inner  spaces kept", qp("inner  spaces kept"));
        assertEquals("bare \rcr", qp("bare \rcr"), "a bare CR ends no line");
        assertEquals(" ".repeat(3000) + "x", qp(" ".repeat(3000) + "x"));
        assertEquals("", qp(" ".repeat(500)));
    }

    @Test
    void quotedPrintableKeepsWhatIsNoEscape() throws IOException {
        assertEquals("a=ZZ b=4 c= d", qp("a=ZZ b=4 c= d"));
        assertEquals("a=b =zz", qp("a=b =zz"));
        assertEquals("x=4", qp("x=4"));
        assertEquals("lone=\rcr", qp("lone=\rcr"));
        assertEquals("= \rx", qp("= \rx"));
        // The most one step can hold back and then emit at once.
        String worst = " ".repeat(1024) + "=" + " ".repeat(1024) + "\rx";
        assertEquals(worst, qp(worst));
        assertEquals(" ".repeat(1000) + "=" + " ".repeat(1100) + "\rx",
                qp(" ".repeat(1000) + "=\r\n=" + " ".repeat(1100) + "\rx"));
    }

    @Test
    void base64RoundTripsRandomBytesWithLineBreaks() throws IOException {
        Random random = new Random(7);
        for (int len = 0; len < 200; len += 7) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            String encoded = Base64.getMimeEncoder().encodeToString(data);
            assertArrayEquals(data, base64(encoded).getBytes(StandardCharsets.ISO_8859_1), "length " + len);
        }
    }

    @Test
    void base64IsLenient() throws IOException {
        assertEquals("hello", base64("aGVs\r\nbG8="));
        assertEquals("hello", base64("aGVs\nbG8=\n"));
        assertEquals("hello", base64("aGVsbG8"), "no padding");
        assertEquals("hello", base64(" aG Vs*bG8"), "stray characters, no padding");
        assertEquals("hello", base64("aG!V*s bG8=\r\n--==\r\n"));
        assertEquals("hello world", base64("aGVsbG8=\r\nIHdvcmxk\r\n"), "lines encoded one by one");
        assertEquals("hello world", base64("aGVsbG8=IHdvcmxk"), "concatenated blocks");
        assertEquals("hi", base64("aGk=\r\n=\r\n"), "extra padding");
        assertEquals("h", base64("aA"));
        assertEquals("", base64("a"), "a lone sextet holds no octet");
        assertEquals("", base64(""));
        assertEquals("\0\u0001\u0002\u0003\u0004", base64("AAECAwQ="));
    }

    @Test
    void base64SingleOctetReads() throws IOException {
        try (InputStream in = TransferEncoding.BASE64.decode(oneOctetPerRead("aGk=".getBytes(StandardCharsets.US_ASCII)))) {
            assertEquals('h', in.read());
            assertEquals('i', in.read());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void identityEncodingsPassTheStreamThrough() throws IOException {
        InputStream raw = new ByteArrayInputStream(new byte[] {'=', '4', '1'});
        assertSame(raw, TransferEncoding.IDENTITY.decode(raw));
        assertSame(raw, TransferEncoding.BINARY.decode(raw));
        assertEquals("=41", decode(TransferEncoding.IDENTITY, "=41"));
    }

    @Test
    void fieldValues() {
        assertEquals(Optional.of(TransferEncoding.IDENTITY), TransferEncoding.of(null), "no field is 7bit");
        assertEquals(Optional.of(TransferEncoding.IDENTITY), TransferEncoding.of(""));
        assertEquals(Optional.of(TransferEncoding.IDENTITY), TransferEncoding.of(" \r\n"));
        assertEquals(Optional.of(TransferEncoding.IDENTITY), TransferEncoding.of("8Bit"));
        assertEquals(Optional.of(TransferEncoding.IDENTITY), TransferEncoding.of("7bit;"));
        assertEquals(Optional.of(TransferEncoding.BINARY), TransferEncoding.of("binary"));
        assertEquals(Optional.of(TransferEncoding.BASE64), TransferEncoding.of("base64"));
        assertEquals(Optional.of(TransferEncoding.BASE64), TransferEncoding.of("\r\n\tBASE64 "), "folded");
        assertEquals(Optional.of(TransferEncoding.QUOTED_PRINTABLE), TransferEncoding.of("Quoted-Printable"));
        assertEquals(Optional.of(TransferEncoding.QUOTED_PRINTABLE),
                TransferEncoding.of(" (c) quoted-printable (x)"), "comments");
        assertEquals(Optional.empty(), TransferEncoding.of("x-uuencode"));
    }
}
