package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loftmail.imap.fetch.Items.body;
import static org.loftmail.imap.fetch.Items.fetch;
import static org.loftmail.imap.fetch.Items.literal;
import static org.loftmail.imap.fetch.TestSink.render;

import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.FetchAttribute.SectionText;

/** BODY[section] in a multipart with a message/rfc822 part that is itself multipart. */
class SectionFetchTest {
    static final String INNER_HEADER = "From: c@example.org\r\n"
            + "Subject: inner\r\n"
            + "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
            + "\r\n";
    static final String INNER_BODY = "--inner\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "inner plain\r\n"
            + "--inner\r\n"
            + "Content-Type: text/html\r\n"
            + "\r\n"
            + "<p>inner html</p>\r\n"
            + "--inner--";
    static final String MIXED = "From: a@example.org\r\n"
            + "Subject: multi\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--outer\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "part one\r\n"
            + "--outer\r\n"
            + "Content-Type: message/rfc822\r\n"
            + "\r\n"
            + INNER_HEADER
            + INNER_BODY + "\r\n"
            + "--outer\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAwQ=\r\n"
            + "--outer\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: Quoted-Printable (says who)\r\n"
            + "\r\n"
            + "caf=C3=A9 =\r\n"
            + "soft  \r\n"
            + "--outer--\r\n"
            + "epilogue\r\n";

    private final TestMessage m = TestMessage.of(MIXED);

    @Test
    void partsOfTheMultipart() {
        assertEquals(fetch(literal("BODY[1]", "part one") + " "
                + literal("BODY[1.MIME]", "Content-Type: text/plain; charset=us-ascii\r\n\r\n") + " "
                + literal("BODY[3]", "AAECAwQ=")), render(m, body("1"), body("1", SectionText.MIME), body("3")));
    }

    @Test
    void messageRfc822Part() {
        assertEquals(fetch(literal("BODY[2]", INNER_HEADER + INNER_BODY) + " "
                + literal("BODY[2.MIME]", "Content-Type: message/rfc822\r\n\r\n") + " "
                + literal("BODY[2.HEADER]", INNER_HEADER) + " "
                + literal("BODY[2.TEXT]", INNER_BODY)),
                render(m, body("2"), body("2", SectionText.MIME), body("2", SectionText.HEADER),
                        body("2", SectionText.TEXT)));
    }

    @Test
    void headerFieldsOfAnEncapsulatedMessage() {
        assertEquals(fetch(literal("BODY[2.HEADER.FIELDS (SUBJECT)]", "Subject: inner\r\n\r\n") + " "
                + literal("BODY[2.HEADER.FIELDS.NOT (SUBJECT CONTENT-TYPE)]", "From: c@example.org\r\n\r\n")),
                render(m, body("2", SectionText.HEADER_FIELDS, "Subject"),
                        body("2", SectionText.HEADER_FIELDS_NOT, "subject", "content-type")));
    }

    @Test
    void partsInsideTheEncapsulatedMessage() {
        assertEquals(fetch(literal("BODY[2.1]", "inner plain") + " " + literal("BODY[2.2]", "<p>inner html</p>") + " "
                + literal("BODY[2.2.MIME]", "Content-Type: text/html\r\n\r\n")),
                render(m, body("2.1"), body("2.2"), body("2.2", SectionText.MIME)));
    }

    @Test
    void missingSectionsAreEmptyLiteralsAsInDovecot() {
        assertEquals(fetch("BODY[9] {0}\r\n BODY[1.1] {0}\r\n BODY[2.3] {0}\r\n BODY[1.HEADER] {0}\r\n"
                + " BODY[3.TEXT] {0}\r\n BODY[2.1.HEADER.FIELDS (FROM)] {0}\r\n BODY[9.MIME] {0}\r\n"),
                render(m, body("9"), body("1.1"), body("2.3"), body("1", SectionText.HEADER),
                        body("3", SectionText.TEXT), body("2.1", SectionText.HEADER_FIELDS, "From"),
                        body("9", SectionText.MIME)));
    }

    @Test
    void textOfTheWholeMessageRunsToTheEnd() {
        String text = MIXED.substring(MIXED.indexOf("\r\n\r\n") + 4);
        assertEquals(fetch(literal("BODY[TEXT]", text)), render(m, body("", SectionText.TEXT)));
    }

    @Test
    void singlePartMessageRfc822() {
        // A message whose own body is a message: part 1 is that message, 1.1 its body.
        String inner = "Subject: in\r\n\r\nhello\r\n";
        String outer = "Subject: out\r\nContent-Type: message/rfc822\r\n\r\n" + inner;
        TestMessage msg = TestMessage.of(outer);
        assertEquals(fetch(literal("BODY[1]", inner) + " " + literal("BODY[1.HEADER]", "Subject: in\r\n\r\n") + " "
                + literal("BODY[1.TEXT]", "hello\r\n") + " " + literal("BODY[1.1]", "hello\r\n") + " "
                + literal("BODY[1.MIME]", "Subject: out\r\nContent-Type: message/rfc822\r\n\r\n")),
                render(msg, body("1"), body("1", SectionText.HEADER), body("1", SectionText.TEXT), body("1.1"),
                        body("1", SectionText.MIME)));
    }
}
