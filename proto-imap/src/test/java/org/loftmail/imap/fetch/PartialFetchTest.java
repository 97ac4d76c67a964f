package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loftmail.imap.fetch.Items.body;
import static org.loftmail.imap.fetch.Items.fetch;
import static org.loftmail.imap.fetch.Items.literal;
import static org.loftmail.imap.fetch.Items.partial;
import static org.loftmail.imap.fetch.TestSink.render;

import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.FetchAttribute.Item;
import org.loftmail.imap.parse.FetchAttribute.SectionText;

/** Partial fetches and messages stored with bare LF: every offset and size counts CRLF octets. */
class PartialFetchTest {
    static final String LF = "Subject: lf\nFrom: x@example.org\n\nline1\nline2\r\nline3\n";
    static final String CRLF = LF.replace("\r\n", "\n").replace("\n", "\r\n");

    @Test
    void bareLfIsSentAsCrlfAndCountedSo() {
        TestMessage m = TestMessage.of(LF);
        String header = "Subject: lf\r\nFrom: x@example.org\r\n\r\n";
        assertEquals(fetch("RFC822.SIZE " + CRLF.length() + " " + literal("BODY[]", CRLF) + " "
                + literal("BODY[HEADER]", header) + " " + literal("BODY[TEXT]", "line1\r\nline2\r\nline3\r\n") + " "
                + literal("BODY[HEADER.FIELDS (FROM)]", "From: x@example.org\r\n\r\n")),
                render(m, Item.RFC822_SIZE, body(""), body("", SectionText.HEADER), body("", SectionText.TEXT),
                        body("", SectionText.HEADER_FIELDS, "FROM")));
    }

    @Test
    void partialsInRangeStraddlingTheEndAndPastIt() {
        TestMessage m = TestMessage.of(CRLF);
        assertEquals(fetch(literal("BODY[]<0>", CRLF.substring(0, 7)) + " "
                + literal("BODY[]<9>", CRLF.substring(9, 20)) + " "
                + literal("BODY[]<" + (CRLF.length() - 3) + ">", CRLF.substring(CRLF.length() - 3)) + " "
                + "BODY[]<" + CRLF.length() + "> {0}\r\n BODY[TEXT]<100> {0}\r\n"),
                render(m, partial("", SectionText.NONE, 0, 7), partial("", SectionText.NONE, 9, 11),
                        partial("", SectionText.NONE, CRLF.length() - 3, 100),
                        partial("", SectionText.NONE, CRLF.length(), 1), partial("", SectionText.TEXT, 100, 5)));
    }

    @Test
    void partialOffsetsAreVirtualEvenInsideAConvertedLineEnd() {
        TestMessage m = TestMessage.of(LF);
        // Offset 11 is the CR that stands for the first bare LF, offset 12 its LF.
        assertEquals(fetch(literal("BODY[]<11>", "\r\nFr") + " " + literal("BODY[]<12>", "\nFr") + " "
                + literal("BODY[TEXT]<5>", "\r\nline2\r\nl") + " " + literal("BODY[TEXT]<6>", "\n")),
                render(m, partial("", SectionText.NONE, 11, 4), partial("", SectionText.NONE, 12, 3),
                        partial("", SectionText.TEXT, 5, 10), partial("", SectionText.TEXT, 6, 1)));
    }

    @Test
    void everyWindowOfAnLfMessageMatchesItsCrlfForm() {
        TestMessage m = TestMessage.of(LF);
        for (int offset = 0; offset <= CRLF.length() + 1; offset++) {
            for (int length = 1; length <= CRLF.length() + 1 - offset + 1; length++) {
                String expected = offset >= CRLF.length() ? ""
                        : CRLF.substring(offset, Math.min(CRLF.length(), offset + length));
                assertEquals(fetch(literal("BODY[]<" + offset + ">", expected)),
                        render(m, partial("", SectionText.NONE, offset, length)), offset + "." + length);
            }
        }
    }

    @Test
    void partialOfHeaderFieldsCutsTheFilteredOctets() {
        TestMessage m = TestMessage.of(LF);
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (FROM)]<6>", "x@exa")),
                render(m, partial("", SectionText.HEADER_FIELDS, 6, 5, "from")));
    }

    @Test
    void nulInABodyIsSentAs0x80LikeDovecot() {
        // A literal cannot carry NUL (RFC 3501 CHAR8); BINARY is the way to get it.
        TestMessage m = TestMessage.of("Subject: x\r\n\r\na\0b\r\n");
        assertEquals(fetch(literal("BODY[TEXT]", "a\u0080b\r\n")), render(m, body("", SectionText.TEXT)));
    }
}
