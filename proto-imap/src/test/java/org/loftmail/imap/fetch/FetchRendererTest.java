package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loftmail.imap.fetch.Items.body;
import static org.loftmail.imap.fetch.Items.fetch;
import static org.loftmail.imap.fetch.Items.literal;
import static org.loftmail.imap.fetch.Items.peek;
import static org.loftmail.imap.fetch.TestSink.render;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.imap.parse.FetchAttribute.Item;
import org.loftmail.imap.parse.FetchAttribute.SectionText;

class FetchRendererTest {
    static final String HEADER = "From: Alice <alice@example.org>\r\n"
            + "To: bob@example.org\r\n"
            + "Subject: Hello\r\n"
            + " world\r\n"
            + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
            + "Message-ID: <1@example.org>\r\n"
            + "\r\n";
    static final String TEXT = "Body line 1\r\nBody line 2\r\n";
    static final String SIMPLE = HEADER + TEXT;

    @Test
    void indexItemsNeverLoadTheMessage() {
        TestMessage m = new TestMessage(7, 300, Flags.of(Flags.SEEN | Flags.FLAGGED, "$Label1"), true,
                SIMPLE.getBytes(StandardCharsets.US_ASCII));
        assertEquals("* 7 FETCH (UID 300 FLAGS (\\Seen \\Flagged \\Recent $Label1) INTERNALDATE \"17-Jul-1996 09:44:25"
                + " +0000\" RFC822.SIZE " + SIMPLE.length() + " MODSEQ (42))\r\n",
                render(m, Item.UID, Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE, Item.MODSEQ));
        assertEquals(0, m.summaryLoads);
        assertEquals(0, m.contentLoads);
    }

    @Test
    void internalDateInTheSessionsZone() {
        try (TestSink sink = new TestSink()) {
            FetchRenderer.render(sink, TestMessage.of(SIMPLE), List.of(Item.INTERNALDATE), ZoneOffset.ofHours(-7));
            assertEquals(fetch("INTERNALDATE \"17-Jul-1996 02:44:25 -0700\""), sink.wire());
        }
    }

    @Test
    void envelopeAndStructuresAsCoreRenderedThem() {
        TestMessage m = TestMessage.of(SIMPLE);
        assertEquals(fetch("ENVELOPE " + m.summary().envelope() + " BODY " + m.summary().body() + " BODYSTRUCTURE "
                + m.summary().bodyStructure()), render(m, Item.ENVELOPE, Item.BODY, Item.BODYSTRUCTURE));
        assertEquals(0, m.contentLoads);
    }

    @Test
    void rfc822Items() {
        TestMessage m = TestMessage.of(SIMPLE);
        assertEquals(fetch(literal("RFC822", SIMPLE) + " " + literal("RFC822.HEADER", HEADER) + " "
                + literal("RFC822.TEXT", TEXT)), render(m, Item.RFC822, Item.RFC822_HEADER, Item.RFC822_TEXT));
    }

    @Test
    void topLevelSections() {
        TestMessage m = TestMessage.of(SIMPLE);
        assertEquals(fetch(literal("BODY[]", SIMPLE) + " " + literal("BODY[HEADER]", HEADER) + " "
                + literal("BODY[TEXT]", TEXT) + " " + literal("BODY[1]", TEXT) + " " + literal("BODY[1.MIME]", HEADER)),
                render(m, body(""), peek("", SectionText.HEADER), body("", SectionText.TEXT), body("1"),
                        body("1", SectionText.MIME)));
    }

    @Test
    void peekAnswersUnderTheBodyName() {
        assertEquals(fetch(literal("BODY[TEXT]", TEXT)), render(TestMessage.of(SIMPLE), peek("", SectionText.TEXT)));
    }

    @Test
    void headerFieldsKeepFoldedLinesAndOrderAndTheBlankLine() {
        TestMessage m = TestMessage.of(SIMPLE);
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (SUBJECT FROM)]",
                        "From: Alice <alice@example.org>\r\nSubject: Hello\r\n world\r\n\r\n")),
                render(m, peek("", SectionText.HEADER_FIELDS, "subject", "From")));
        assertEquals(fetch(literal("BODY[HEADER.FIELDS.NOT (SUBJECT MESSAGE-ID)]",
                        "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\n"
                                + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n\r\n")),
                render(m, body("", SectionText.HEADER_FIELDS_NOT, "Subject", "message-id")));
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (X-NONE)]", "\r\n")),
                render(m, body("", SectionText.HEADER_FIELDS, "X-None")));
    }

    @Test
    void headerFieldsMatchWholeNamesOnly() {
        String msg = "Subject: a\r\nSubjectx: b\r\nX-Subject: c\r\nSubject : d\r\nsubject:e\r\n\r\nbody\r\n";
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (SUBJECT)]", "Subject: a\r\nSubject : d\r\nsubject:e\r\n\r\n")),
                render(TestMessage.of(msg), body("", SectionText.HEADER_FIELDS, "Subject")));
    }

    @Test
    void headerFieldNamesThatAreNotAtomsAreQuotedOrLiterals() {
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (\"X A\" \"\" {3}\r\nA\r\n \"X]\")]", "\r\n")),
                render(TestMessage.of(SIMPLE), body("", SectionText.HEADER_FIELDS, "x a", "", "a\r\n", "x]")));
    }

    @Test
    void headerWithoutBlankLineIsSentWithoutOne() {
        // RFC 3501 6.4.5: the blank line is in every header fetch except for a message with none.
        String msg = "Subject: only a header\r\nFrom: a@b\r\n";
        TestMessage m = TestMessage.of(msg);
        assertEquals(fetch(literal("BODY[HEADER.FIELDS (FROM)]", "From: a@b\r\n") + " " + literal("BODY[HEADER]", msg)
                + " " + literal("BODY[TEXT]", "")),
                render(m, body("", SectionText.HEADER_FIELDS, "from"), body("", SectionText.HEADER),
                        body("", SectionText.TEXT)));
    }

    @Test
    void emptyResponseListWhenNothingIsAsked() {
        assertEquals(fetch(""), render(TestMessage.of(SIMPLE)));
    }
}
