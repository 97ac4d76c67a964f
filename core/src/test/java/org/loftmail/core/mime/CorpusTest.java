package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact ENVELOPE / BODYSTRUCTURE / BODY / keys for the hand-written corpus (CRLF line endings). */
class CorpusTest {
    private static final String PLAIN_ASCII = "\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\"";

    @Test
    void simpleTextPlain() {
        byte[] msg = Fixtures.crlf("simple.eml");
        MessageSummary s = Fixtures.parse(msg);
        int bodyStart = Fixtures.indexOf(msg, "Hello Joe");
        assertEquals(msg.length, s.physicalSize());
        assertEquals(msg.length, s.virtualSize());
        assertEquals(bodyStart, s.headerSize());
        String fred = "((\"Fred Foobar\" NIL \"foobar\" \"Blurdybloop.example\"))";
        assertEquals("(\"Mon, 7 Feb 1994 21:52:25 -0800 (PST)\" \"afternoon meeting\" " + fred + " " + fred + " "
                + fred + " ((NIL NIL \"mooch\" \"owatagu.example\")) NIL NIL NIL \"<B27397-0100000@Blurdybloop.example>\")",
                s.envelope());
        // The whole rest of the message is the body: one line, CRLF included.
        int size = msg.length - bodyStart;
        assertEquals(55, size);
        assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 55 1 NIL NIL NIL NIL)",
                s.bodyStructure());
        assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 55 1)", s.body());
        assertEquals(Instant.parse("1994-02-08T05:52:25Z").toEpochMilli(), s.sortKeys().sentDate());
        assertEquals(Casemap.key("AFTERNOON MEETING"), s.sortKeys().baseSubject());
        assertEquals(Casemap.key("foobar"), s.sortKeys().from());
        assertEquals(Casemap.key("mooch"), s.sortKeys().to());
        assertEquals("", s.sortKeys().cc());
        assertEquals(Casemap.key("fred foobar"), s.sortKeys().displayFrom());
        assertEquals(Casemap.key("mooch@owatagu.example"), s.sortKeys().displayTo());
        assertEquals(new ThreadKeys("B27397-0100000@Blurdybloop.example", "", List.of(), Casemap.key("afternoon meeting"), false),
                s.threadKeys());
        MimePart root = s.rootPart();
        assertEquals(MimePart.Kind.SINGLE, root.kind());
        assertEquals(root, root.find("1"));
        assertNull(root.find("2"));
        assertEquals(bodyStart, root.bodyOffset());
        assertEquals(msg.length, root.endOffset());
    }

    @Test
    void nestedMultipartsWithAttachmentAndMessage() {
        byte[] msg = Fixtures.crlf("nested.eml");
        MessageSummary s = Fixtures.parse(msg);
        // message/rfc822 body: from the inner From: up to the CRLF that belongs to "--outer--".
        int innerStart = Fixtures.indexOf(msg, "From: Carol");
        int innerEnd = Fixtures.indexOf(msg, "\r\n--outer--");
        int rfc822Size = innerEnd - innerStart;
        assertEquals(33 + 16 + 39 + 26 + 2 + 12 + 8, rfc822Size);
        String carol = "((\"Carol\" NIL \"carol\" \"example.com\"))";
        String innerEnvelope = "(\"Wed, 03 Jan 2024 11:00:00 +0000\" \"inner\" " + carol + " " + carol + " " + carol
                + " NIL NIL NIL NIL NIL)";
        String expected = "("
                + "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 10 0 NIL NIL NIL NIL)"
                + "((\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 9 0 NIL NIL NIL NIL)"
                + "(\"IMAGE\" \"PNG\" NIL \"<img1@example.org>\" NIL \"BASE64\" 12 NIL"
                + " (\"INLINE\" (\"FILENAME\" \"dot.png\")) NIL NIL)"
                + " \"RELATED\" (\"BOUNDARY\" \"rel\" \"TYPE\" \"text/html\") NIL NIL NIL)"
                + " \"ALTERNATIVE\" (\"BOUNDARY\" \"alt\") NIL NIL NIL)"
                + "(\"APPLICATION\" \"PDF\" (\"NAME\" \"very long name.pdf\") NIL \"The report\" \"7BIT\" 8 \"Q2hlY2s=\""
                + " (\"ATTACHMENT\" (\"FILENAME*\" \"utf-8''%E2%82%AC%20rate%20report.pdf\")) (\"en\" \"de\")"
                + " \"http://example.org/r.pdf\")"
                + "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" " + rfc822Size + " " + innerEnvelope
                + " (" + PLAIN_ASCII + " 20 1 NIL NIL NIL NIL) 6 NIL NIL NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"outer\") NIL NIL NIL)";
        assertEquals(expected, s.bodyStructure());
        String expectedBody = "("
                + "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 10 0)"
                + "((\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 9 0)"
                + "(\"IMAGE\" \"PNG\" NIL \"<img1@example.org>\" NIL \"BASE64\" 12) \"RELATED\") \"ALTERNATIVE\")"
                + "(\"APPLICATION\" \"PDF\" (\"NAME\" \"very long name.pdf\") NIL \"The report\" \"7BIT\" 8)"
                + "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" " + rfc822Size + " " + innerEnvelope
                + " (" + PLAIN_ASCII + " 20 1) 6) \"MIXED\")";
        assertEquals(expectedBody, s.body());
        String alice = "((\"Alice Example\" NIL \"alice\" \"example.org\"))";
        assertEquals("(\"Tue, 02 Jan 2024 10:00:00 +0100\" \"nested\" " + alice + " " + alice + " " + alice
                + " ((NIL NIL \"bob\" \"example.net\")) NIL NIL NIL \"<nested-1@example.org>\")", s.envelope());
    }

    @Test
    void nestedPartOffsets() {
        byte[] msg = Fixtures.crlf("nested.eml");
        MimePart root = Fixtures.parse(msg).rootPart();
        assertEquals(MimePart.Kind.MULTIPART, root.kind());
        assertEquals(3, root.parts().size());
        MimePart png = root.find("1.2.2");
        assertEquals("1.2.2", png.section());
        assertEquals(Fixtures.indexOf(msg, "Content-Type: image/png"), png.headerOffset());
        assertEquals(Fixtures.indexOf(msg, "iVBOR"), png.bodyOffset());
        assertEquals(Fixtures.indexOf(msg, "iVBOR") + 12, png.endOffset());
        assertEquals(png.bodyOffset() - png.headerOffset(), png.headerVirtualSize());

        MimePart rfc822 = root.find("3");
        assertEquals(MimePart.Kind.MESSAGE, rfc822.kind());
        MimePart inner = rfc822.parts().get(0);
        assertEquals("3", inner.section());
        assertEquals(Fixtures.indexOf(msg, "From: Carol"), inner.headerOffset());
        assertEquals(Fixtures.indexOf(msg, "inner body"), inner.bodyOffset());
        assertEquals(Fixtures.indexOf(msg, "\r\n--outer--"), inner.endOffset());
        // 3.1 is the body of the encapsulated (non-multipart) message.
        assertEquals(inner, root.find("3.1"));
        assertNull(root.find("3.2"));
        assertNull(root.find("4"));
        assertNull(root.find("2.1"));
        // The multipart's own body runs to the end, epilogue included.
        assertEquals(msg.length, root.endOffset());
        assertEquals(Fixtures.indexOf(msg, "This is the preamble"), root.bodyOffset());
    }

    @Test
    void encodedWordsStayRawInEnvelopeButAreDecodedForKeys() {
        MessageSummary s = Fixtures.parse(Fixtures.crlf("encoded.eml"));
        String andre = "((\"=?ISO-8859-1?Q?Andr=E9?= Pirard\" NIL \"PIRARD\" \"vm1.ulg.example\"))";
        assertEquals("(\"Thu, 4 Jan 2024 08:30:00 EST\" \"=?UTF-8?Q?Re:_Gr=C3=BC=C3=9Fe?= =?UTF-8?B?IGF1cyBLw7Zsbg==?=\" "
                + andre + " " + andre + " " + andre
                + " ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.de\"))"
                + " ((\"Team\" NIL \"Team\" \"example.de\")(NIL NIL \"other\" \"example.de\")) NIL"
                + " \"<p1@example.de> (sent earlier) <p2@example.de>\" \"<enc@example.de>\")", s.envelope());
        SortKeys k = s.sortKeys();
        assertEquals(Casemap.key("grüße aus köln"), k.baseSubject());
        assertEquals(Casemap.key("pirard"), k.from());
        assertEquals(Casemap.key("juergen"), k.to());
        assertEquals(Casemap.key("team"), k.cc());
        assertEquals(Casemap.key("andré pirard"), k.displayFrom());
        assertEquals(Casemap.key("jürgen"), k.displayTo());
        assertEquals(Instant.parse("2024-01-04T13:30:00Z").toEpochMilli(), k.sentDate());
        ThreadKeys t = s.threadKeys();
        assertEquals("enc@example.de", t.messageId());
        assertEquals("p1@example.de", t.inReplyTo());
        assertEquals(List.of("p1@example.de"), t.references());
        assertTrue(t.replyOrForward());
    }

    @Test
    void groupsRoutesAndDefaults() {
        MessageSummary s = Fixtures.parse(Fixtures.crlf("groups.eml"));
        String dee = "((\"Dee Writer\" NIL \"dee\" \"example.com\"))";
        assertEquals("(\"5 Jan 24 23:15 +0130\" \"Re: [list] Fwd: groups (fwd)\" " + dee
                + " ((NIL NIL \"secretary\" \"example.com\")) " + dee
                + " ((NIL NIL \"A Group\" NIL)(NIL NIL \"a\" \"example.com\")(\"B \\\"the\\\" one\" NIL \"b\" \"example.com\")"
                + "(NIL NIL NIL NIL)(NIL NIL \"c\" \"example.com\"))"
                + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"
                + " ((NIL \"@relay.example,@hop.example\" \"x\" \"example.com\")(\"Dee Too\" NIL \"d\" \"example.com\"))"
                + " \"<p1@example.com>\" \"<m1@example.com>\")", s.envelope());
        SortKeys k = s.sortKeys();
        assertEquals(Casemap.key("groups"), k.baseSubject());
        assertEquals(Casemap.key("dee"), k.from());
        assertEquals(Casemap.key("a"), k.to());
        assertEquals("", k.cc());
        assertEquals(Casemap.key("dee writer"), k.displayFrom());
        assertEquals(Casemap.key("a@example.com"), k.displayTo());
        assertEquals(Instant.parse("2024-01-05T21:45:00Z").toEpochMilli(), k.sentDate());
        assertEquals(new ThreadKeys("m1@example.com", "p1@example.com",
                List.of("r1@example.com", "r2@example.com", "p1@example.com"), Casemap.key("groups"), true), s.threadKeys());
    }

    @Test
    void missingHeadersGiveNilAndInternalDate() {
        MessageSummary s = Fixtures.parse(Fixtures.crlf("missing.eml"));
        assertEquals("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
        assertEquals("(" + PLAIN_ASCII + " 24 1 NIL NIL NIL NIL)", s.bodyStructure());
        assertEquals(Fixtures.INTERNAL_DATE, s.sortKeys().sentDate());
        assertEquals(new SortKeys("", "", "", "", "", "", Fixtures.INTERNAL_DATE), s.sortKeys());
        assertEquals(new ThreadKeys("", "", List.of(), "", false), s.threadKeys());
    }

    @Test
    void unclosedBoundariesEndAtTheOuterBoundaryAndAtTheEnd() {
        byte[] msg = Fixtures.crlf("malformed.eml");
        MessageSummary s = Fixtures.parse(msg);
        assertEquals("(((" + PLAIN_ASCII + " 3 0 NIL NIL NIL NIL)"
                + "(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 10 0 NIL NIL NIL NIL)"
                + " \"ALTERNATIVE\" (\"BOUNDARY\" \"inner\") NIL NIL NIL)"
                + "(" + PLAIN_ASCII + " 27 1 NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL)",
                s.bodyStructure());
        assertEquals("(((" + PLAIN_ASCII + " 3 0)(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 10 0)"
                + " \"ALTERNATIVE\")(" + PLAIN_ASCII + " 27 1) \"MIXED\")", s.body());
        MimePart last = s.rootPart().find("2");
        assertEquals(Fixtures.indexOf(msg, "last part"), last.bodyOffset());
        assertEquals(msg.length, last.endOffset());
        assertFalse(s.rootPart().find("1").parts().isEmpty());
    }
}
