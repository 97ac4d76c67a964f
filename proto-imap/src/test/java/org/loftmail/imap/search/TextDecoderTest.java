package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static String decode(String charset, byte[] bytes) {
        String whole = decode(charset, new ByteArrayInputStream(bytes));
        assertEquals(whole, decode(charset, new Trickle(bytes)), "same text byte by byte");
        return whole;
    }

    private static String decode(String charset, InputStream in) {
        StringBuilder out = new StringBuilder();
        try {
            TextDecoder.forCharset(charset).decode(in, (chars, off, len) -> {
                out.append(chars, off, len);
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void utf8SurvivesEverySplit() {
        String text = "Grüße, привет, 😀 and €";
        assertEquals(text, decode("UTF-8", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, decode(null, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8BytesReadAsLatin1() {
        byte[] mixed = concat("Grüße ".getBytes(StandardCharsets.UTF_8), "Grüße".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Grüße Grüße", decode("us-ascii", mixed));
        assertEquals("Grüße Grüße", decode("x-unknown-charset", mixed));
        byte[] truncated = concat("ok ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82});
        assertEquals("ok \u00e2\u0082", decode("utf-8", truncated), "a cut sequence at the end");
    }

    @Test
    void declaredCharsetsAreUsed() {
        assertEquals("Grüße", decode("ISO-8859-1", "Grüße".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("€ 5", decode("windows-1252", "€ 5".getBytes(Charset.forName("windows-1252"))));
        assertEquals("Привет", decode("koi8-r", "Привет".getBytes(Charset.forName("KOI8-R"))));
        assertEquals("日本語", decode("Shift_JIS", "日本語".getBytes(Charset.forName("Shift_JIS"))));
    }

    @Test
    void stopsWhenTheSinkIsSatisfied() throws IOException {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'a');
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        TextDecoder.forCharset(null).decode(in, (chars, off, len) -> false);
        assertTrue(in.available() > 50_000, "stopped after the first chunk");
    }
}
