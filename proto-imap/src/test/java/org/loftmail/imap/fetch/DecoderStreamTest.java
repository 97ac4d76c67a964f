package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Content-Transfer-Encoding decoders and the field value they are chosen by. */
class DecoderStreamTest {

    private static String decode(Function<InputStream, InputStream> decoder, String encoded) throws IOException {
        try (InputStream in = decoder.apply(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1)))) {
            // One octet at a time, then the rest in bulk: both paths must agree.
            StringBuilder b = new StringBuilder();
            int c = in.read();
            if (c >= 0) {
                b.append((char) c);
            }
            return b.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).toString();
        }
    }

    private static String qp(String encoded) throws IOException {
        return decode(QuotedPrintableDecoderStream::new, encoded);
    }

    private static String base64(String encoded) throws IOException {
        return decode(Base64DecoderStream::new, encoded);
    }

    @Test
    void quotedPrintable() throws IOException {
        assertEquals("caf\u00c3\u00a9", qp("caf=C3=a9"));
        assertEquals("soft break", qp("soft =\r\nbreak"));
        assertEquals("soft break", qp("soft = \t\r\nbreak"));
        assertEquals("end", qp("end="));
        assertEquals("end", qp("end= "));
        assertEquals("trailing\r\nspace", qp("trailing \t \r\nspace  "));
        assertEquals("inner  spaces kept", qp("inner  spaces kept"));
        assertEquals("a=ZZ b=4 c= d", qp("a=ZZ b=4 c= d"));
        assertEquals("lone=\rcr", qp("lone=\rcr"));
        assertEquals("= \rx", qp("= \rx"));
        assertEquals("\r\n\r\n", qp("\r\n\r\n"));
        assertEquals(" ".repeat(3000) + "x", qp(" ".repeat(3000) + "x"));
        assertEquals("", qp(" ".repeat(500)));
        // The most one step can hold back and then emit at once.
        String worst = " ".repeat(1024) + "=" + " ".repeat(1024) + "\rx";
        assertEquals(worst, qp(worst));
        assertEquals(" ".repeat(1000) + "=" + " ".repeat(1100) + "\rx",
                qp(" ".repeat(1000) + "=\r\n=" + " ".repeat(1100) + "\rx"));
    }

    @Test
    void base64() throws IOException {
        assertEquals("hello", base64("aGVs\r\nbG8="));
        assertEquals("hello", base64("aGVsbG8"));
        assertEquals("hello world", base64("aGVsbG8=\r\nIHdvcmxk\r\n"));
        assertEquals("hello", base64("aG!V*s bG8=\r\n--==\r\n"));
        assertEquals("", base64(""));
        assertEquals("", base64("a"));
        assertEquals("\0\u0001\u0002\u0003\u0004", base64("AAECAwQ="));
    }

    @Test
    void encodingFieldValues() {
        assertEquals("base64", TransferEncoding.value("Content-Transfer-Encoding: base64\r\n"));
        assertEquals("BASE64", TransferEncoding.value("Content-Transfer-Encoding:\r\n\tBASE64 \r\n"));
        assertEquals("quoted-printable",
                TransferEncoding.value("Content-Transfer-Encoding: (c) quoted-printable (x)\r\n"));
        assertEquals("7bit",
                TransferEncoding.value("Content-Transfer-Encoding: 7bit;\r\nContent-Transfer-Encoding: base64\r\n"));
        assertEquals("", TransferEncoding.value(""));
        assertEquals("", TransferEncoding.value("Content-Transfer-Encoding: \r\n\r\n"));
        assertEquals(TransferEncoding.IDENTITY, TransferEncoding.of(""));
        assertEquals(TransferEncoding.IDENTITY, TransferEncoding.of("8Bit"));
        assertEquals(TransferEncoding.QUOTED_PRINTABLE, TransferEncoding.of("Quoted-Printable"));
        assertThrows(UnknownCteException.class, () -> TransferEncoding.of("x-uuencode"));
    }
}
