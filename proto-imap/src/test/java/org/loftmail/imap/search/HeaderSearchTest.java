package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.SearchKey;

/** FROM, TO, CC, BCC, SUBJECT, HEADER and the header side of TEXT. */
class HeaderSearchTest {
    private static final String MESSAGE = """
            Date: Sat, 09 Mar 2024 23:30:00 +0100
            From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>
            To: "Smith, Anna" <anna@example.org>,
             bob@example.com
            Cc: =?ISO-8859-1?Q?Fran=E7ois?= <f@example.fr>
            Bcc: hidden@example.net
            Subject: =?UTF-8?B?w5xiZXJ3ZWlzdW5nIGbDvHIgTcOkcno=?=
             =?UTF-8?Q?_und_April?=
            X-Spam-Flag: YES
            X-Empty:
            Received: from a.example by b.example
            Received: from c.example by d.example
            Message-ID: <1@example.org>
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8
            X-Part-Header: inner-part

            hello
            --b1
            Content-Type: message/rfc822

            From: inner@example.com
            Subject: Inner subject

            inner body
            --b1--
            """;

    private static boolean hit(String keys, TestMessage m) {
        return SearchEvaluator.of(Keys.parse(keys), null, 10, 100, 0).matches(m);
    }

    private static boolean hit(SearchKey key, TestMessage m) {
        return SearchEvaluator.of(key, "UTF-8", 10, 100, 0).matches(m);
    }

    private static SearchKey text(SearchKey.Field field, String value) {
        return new SearchKey.Text(field, value);
    }

    @Test
    void fromIsDecodedAndCaseInsensitive() {
        TestMessage m = TestMessage.of(MESSAGE);
        assertTrue(hit(text(SearchKey.Field.FROM, "jürgen"), m));
        assertTrue(hit(text(SearchKey.Field.FROM, "JÜRGEN MÜLLER"), m));
        assertTrue(hit("FROM juergen@EXAMPLE.de", m));
        assertTrue(hit(text(SearchKey.Field.FROM, "müller <juergen@"), m), "the whole header text counts");
        assertFalse(hit("FROM inner@example.com", m), "only the top-level header");
        assertFalse(hit("FROM anna", m));
    }

    @Test
    void addressHeadersMatchNamesAndAddressesAcrossFolds() {
        TestMessage m = TestMessage.of(MESSAGE);
        assertTrue(hit("TO \"smith, anna\"", m));
        assertTrue(hit("TO bob@example.com", m));
        assertTrue(hit("TO \"org>, bob\"", m), "unfolding drops only the line break");
        assertTrue(hit(text(SearchKey.Field.CC, "FRANÇOIS"), m), "ISO-8859-1 encoded word");
        assertFalse(hit("CC juergen", m));
        assertTrue(hit("BCC hidden", m));
        assertFalse(hit("BCC bob", m));
    }

    @Test
    void subjectJoinsAdjacentEncodedWords() {
        TestMessage m = TestMessage.of(MESSAGE);
        assertTrue(hit(text(SearchKey.Field.SUBJECT, "überweisung für märz und april"), m));
        assertTrue(hit(text(SearchKey.Field.SUBJECT, "MÄRZ UND"), m));
        assertFalse(hit("SUBJECT Inner", m));
        assertFalse(hit("SUBJECT =?UTF-8?", m), "raw encoded words are not searched");
    }

    @Test
    void headerMatchesAnyOccurrenceOfAnyField() {
        TestMessage m = TestMessage.of(MESSAGE);
        assertTrue(hit("HEADER X-Spam-Flag yes", m));
        assertTrue(hit("HEADER x-spam-flag \"\"", m));
        assertTrue(hit("HEADER X-Empty \"\"", m), "an empty field is still there");
        assertFalse(hit("HEADER X-Empty x", m));
        assertFalse(hit("HEADER X-Missing \"\"", m));
        assertFalse(hit("HEADER X-Part-Header \"\"", m), "MIME part headers are not the message header");
        assertTrue(hit("HEADER Received c.example", m));
        assertTrue(hit("HEADER Received a.example", m));
        assertTrue(hit("HEADER Message-ID <1@EXAMPLE", m));
        assertTrue(hit("HEADER Subject \"für\"", m));
    }

    @Test
    void missingFieldMatchesNoString() {
        TestMessage m = TestMessage.of("Subject: x\n\nbody\n");
        assertFalse(hit("FROM \"\"", m));
        assertFalse(hit("FROM x", m));
        assertTrue(hit("NOT FROM x", m));
        assertTrue(hit("SUBJECT \"\"", m));
    }

    @Test
    void foldedSubjectKeepsTheFoldingWhitespace() {
        TestMessage m = TestMessage.of("Subject: part one\n  part two\n\tpart three\n\nbody\n");
        assertTrue(hit("SUBJECT \"part two\"", m));
        assertTrue(hit("SUBJECT \"one  part\"", m));
        assertTrue(hit("SUBJECT \"two\tpart three\"", m));
        assertFalse(hit(text(SearchKey.Field.SUBJECT, "one\r\n"), m));
    }

    @Test
    void raw8BitHeadersAreReadAsUtf8OrLatin1() {
        TestMessage utf8 = TestMessage.of("Subject: Grüße aus Köln\n\nbody\n");
        assertTrue(hit(text(SearchKey.Field.SUBJECT, "GRÜßE AUS KÖLN"), utf8));
        assertFalse(hit(text(SearchKey.Field.SUBJECT, "grüsse"), utf8), "simple folding: no ß to ss");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Subject: Gr".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("üße".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes("\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(hit(text(SearchKey.Field.SUBJECT, "grüße"), TestMessage.of(b.toByteArray())));
    }

    @Test
    void textSearchesEveryHeaderBlock() {
        TestMessage m = TestMessage.of(MESSAGE);
        assertTrue(hit("TEXT \"x-spam-flag: yes\"", m));
        assertTrue(hit(text(SearchKey.Field.TEXT, "jürgen"), m), "decoded top-level header");
        assertTrue(hit("TEXT \"inner subject\"", m), "header of an attached message");
        assertTrue(hit("TEXT inner-part", m), "MIME part header");
        assertFalse(hit("BODY \"inner subject\"", m));
        assertFalse(hit("BODY inner-part", m));
        assertFalse(hit("BODY x-spam-flag", m));
        assertTrue(hit("BODY \"inner body\"", m), "body of an attached message");
        assertTrue(hit("TEXT hello", m));
        assertFalse(hit("TEXT \"yes x-empty\"", m), "no match across two fields");
    }
}
