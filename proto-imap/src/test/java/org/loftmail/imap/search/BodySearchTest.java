package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.SearchKey;

/** BODY and TEXT over decoded part bodies. */
class BodySearchTest {
    private static boolean body(String value, TestMessage m) {
        return SearchEvaluator.of(new SearchKey.Text(SearchKey.Field.BODY, value), null, 1, 1, 0).matches(m);
    }

    private static boolean text(String value, TestMessage m) {
        return SearchEvaluator.of(new SearchKey.Text(SearchKey.Field.TEXT, value), null, 1, 1, 0).matches(m);
    }

    /** A message whose body is {@code body} in {@code charset}, the header in ASCII. */
    private static TestMessage encoded(String header, String body, Charset charset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(body.replace("\n", "\r\n").getBytes(charset));
        return TestMessage.of(b.toByteArray());
    }

    @Test
    void plainBodyIsCaseInsensitive() {
        TestMessage m = TestMessage.of("Subject: greeting\n\nHello World,\nsecond line\n");
        assertTrue(body("hello world", m));
        assertTrue(body("WORLD,", m));
        assertTrue(body("world,\r\nsecond", m), "line breaks are text too");
        assertFalse(body("greeting", m), "BODY skips the header");
        assertTrue(text("greeting", m));
        assertFalse(body("hello  world", m));
    }

    @Test
    void noContentTypeMeansTextPlain() {
        TestMessage m = TestMessage.of("From: a@b\n\ntext without content-type\n");
        assertTrue(body("without content", m));
    }

    @Test
    void quotedPrintableUtf8() {
        TestMessage m = TestMessage.of("""
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe aus M=C3=BCnchen, sch=C3=B6ne=
                 Tage und =e2=82=ac 5
                """);
        assertTrue(body("grüße aus münchen", m));
        assertTrue(body("SCHÖNE TAGE", m), "soft line break joins the words");
        assertTrue(body("€ 5", m), "lower-case hex");
        assertFalse(body("=C3", m));
    }

    @Test
    void quotedPrintableLatin1() {
        TestMessage m = TestMessage.of("""
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: Quoted-Printable

                Gr=FC=DFe, Fran=E7ois
                """);
        assertTrue(body("grüße, FRANÇOIS", m));
    }

    @Test
    void base64Utf8() {
        TestMessage m = TestMessage.of("""
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                0J/RgNC40LLQtdGCLCDQvNC4
                0YAhIMOcbsOvY8O2ZMOp
                """);
        assertTrue(body("привет, МИР! ünïcödé", m));
        assertFalse(body("0J/R", m));
    }

    @Test
    void base64Latin1() {
        TestMessage m = TestMessage.of("""
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: BASE64

                Q2Fm6SBjcuhtZSBicvts6WU=
                """);
        assertTrue(body("CAFÉ CRÈME BRÛLÉE", m));
    }

    @Test
    void eightBitBodiesWithWrongOrMissingCharset() {
        assertTrue(body("grüße", encoded("Subject: x\n", "Viele Grüße\n", StandardCharsets.UTF_8)),
                "no charset, UTF-8 bytes");
        assertTrue(body("grüße", encoded("Content-Type: text/plain; charset=us-ascii\n", "Viele Grüße\n",
                StandardCharsets.ISO_8859_1)), "labelled ASCII, Latin-1 bytes");
        assertTrue(body("grüße", encoded("Content-Type: text/plain; charset=utf-8\n", "Viele Grüße\n",
                StandardCharsets.ISO_8859_1)), "labelled UTF-8, Latin-1 bytes");
        assertTrue(body("grüße", encoded("Content-Type: text/plain; charset=x-unknown\n", "Viele Grüße\n",
                StandardCharsets.UTF_8)), "unknown charset");
        assertTrue(body("€ 5", encoded("Content-Type: text/plain; charset=windows-1252\n", "€ 5\n",
                Charset.forName("windows-1252"))), "declared charsets are honoured");
    }

    @Test
    void multipartSearchesTextPartsOnly() {
        TestMessage m = TestMessage.of("""
                Subject: report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                preamble words
                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain; charset=utf-8

                Please see the attached report.
                --inner
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                <p>Please see the <b>attached</b> r=C3=A9sum=C3=A9</p>
                --inner--
                --outer
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="report.pdf"

                c2VjcmV0LWluLWF0dGFjaG1lbnQgAAEC
                --outer
                Content-Type: image/png

                secret-in-image
                --outer--
                epilogue words
                """);
        assertTrue(body("attached report", m));
        assertTrue(body("<b>attached</b> résumé", m), "HTML is searched as written");
        assertFalse(body("secret-in-attachment", m));
        assertFalse(body("secret-in-image", m));
        assertFalse(body("preamble", m));
        assertFalse(body("epilogue", m));
        assertFalse(body("report.pdf", m));
        assertTrue(text("report.pdf", m), "TEXT sees the part headers");
        assertFalse(body("c2VjcmV0", m));
    }

    @Test
    void matchesDoNotSpanParts() {
        TestMessage m = TestMessage.of("""
                Content-Type: multipart/mixed; boundary=b

                --b

                abc
                --b

                def
                --b--
                """);
        assertTrue(body("abc", m));
        assertTrue(body("def", m));
        assertFalse(body("abcdef", m));
        assertFalse(body("abc\r\ndef", m));
    }

    @Test
    void digestPartsDefaultToMessages() {
        TestMessage m = TestMessage.of("""
                Content-Type: multipart/digest; boundary=d

                --d

                Subject: first digest entry

                digest body one
                --d

                Subject: second
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                w5xiZXJ3ZWlzdW5nIGbDvHIgTcOkcno=
                --d--
                """);
        assertTrue(body("digest body one", m));
        assertTrue(body("überweisung", m), "encapsulated message decoded with its own header");
        assertFalse(body("first digest entry", m));
        assertTrue(text("first digest entry", m));
    }

    @Test
    void nonTextSinglePartIsNotSearched() {
        TestMessage m = TestMessage.of("Content-Type: application/pdf\n\nplain words inside\n");
        assertFalse(body("plain words", m));
        assertTrue(text("application/pdf", m));
    }

    @Test
    void emptyAndHeaderOnlyMessages() {
        TestMessage headerOnly = TestMessage.of("Subject: only a header\n");
        assertFalse(body("only", headerOnly));
        assertTrue(text("only a header", headerOnly));
        TestMessage empty = TestMessage.of(new byte[0]);
        assertFalse(body("x", empty));
        assertFalse(text("x", empty));
        assertTrue(body("", empty));
    }
}
