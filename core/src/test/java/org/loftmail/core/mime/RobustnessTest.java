package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.loftmail.core.model.MessageContent;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Odd line endings, 8-bit bytes, truncated and degenerate messages: exact results, no throws. */
class RobustnessTest {
    private static final String PLAIN_ASCII = "\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\"";

    @Test
    void bareLfCountsAsCrlf() {
        String msg = "Subject: lf\nContent-Type: text/plain\n\nline1\nline2\n";
        MessageSummary s = Fixtures.parse(msg);
        assertEquals(msg.length(), s.physicalSize());
        assertEquals(msg.length() + 5, s.virtualSize());
        assertEquals(msg.indexOf("line1"), s.headerSize());
        assertEquals("(" + PLAIN_ASCII + " 14 2 NIL NIL NIL NIL)", s.bodyStructure());
        MimePart root = s.rootPart();
        assertEquals(msg.indexOf("line1") + 3, root.headerVirtualSize());
        assertEquals(14, root.bodyVirtualSize());
    }

    @Test
    void bareLfMultipart() {
        String msg = "Content-Type: multipart/mixed; boundary=x\n\n--x\n\na\nb\n--x\nContent-Type: text/html\n\nc\n--x--\n";
        MessageSummary s = Fixtures.parse(msg);
        // "a\nb" sent as "a\r\nb": 4 octets, 1 line; the LF before "--x" belongs to the boundary.
        assertEquals("((" + PLAIN_ASCII + " 4 1 NIL NIL NIL NIL)"
                + "(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 1 0 NIL NIL NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL NIL)", s.bodyStructure());
        assertEquals(msg.indexOf("a\nb"), s.rootPart().find("1").bodyOffset());
        assertEquals(msg.indexOf("a\nb") + 3, s.rootPart().find("1").endOffset());
    }

    @Test
    void noTrailingNewline() {
        MessageSummary s = Fixtures.parse("Subject: x\r\n\r\nabc");
        assertEquals(17, s.physicalSize());
        assertEquals(17, s.virtualSize());
        assertEquals(14, s.headerSize());
        assertEquals("(" + PLAIN_ASCII + " 3 0 NIL NIL NIL NIL)", s.bodyStructure());
    }

    @Test
    void headerOnlyWithoutBlankLine() {
        MessageSummary s = Fixtures.parse("Subject: only a header");
        assertEquals(22, s.headerSize());
        assertEquals("(NIL \"only a header\" NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
        assertEquals("(" + PLAIN_ASCII + " 0 0 NIL NIL NIL NIL)", s.bodyStructure());
    }

    @Test
    void emptyMessage() {
        MessageSummary s = Fixtures.parse(new byte[0]);
        assertEquals(0, s.physicalSize());
        assertEquals(0, s.headerSize());
        assertEquals("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
        assertEquals("(" + PLAIN_ASCII + " 0 0 NIL NIL NIL NIL)", s.bodyStructure());
        assertEquals("(" + PLAIN_ASCII + " 0 0)", s.body());
    }

    @Test
    void eightBitHeadersBecomeLiterals() {
        byte[] subject = "Grüße".getBytes(StandardCharsets.UTF_8);
        byte[] from = "Jörg".getBytes(StandardCharsets.ISO_8859_1);
        String msg = "Subject: " + new String(subject, StandardCharsets.ISO_8859_1) + "\r\nFrom: "
                + new String(from, StandardCharsets.ISO_8859_1) + " <j@example.de>\r\n\r\nx";
        MessageSummary s = Fixtures.parse(msg);
        String rawSubject = new String(subject, StandardCharsets.ISO_8859_1);
        String rawName = new String(from, StandardCharsets.ISO_8859_1);
        String jorg = "(({4}\r\n" + rawName + " NIL \"j\" \"example.de\"))";
        assertEquals("(NIL {7}\r\n" + rawSubject + " " + jorg + " " + jorg + " " + jorg + " NIL NIL NIL NIL NIL)",
                s.envelope());
        assertEquals(Casemap.key("grüße"), s.sortKeys().baseSubject());
        assertEquals(Casemap.key("jörg"), s.sortKeys().displayFrom());
    }

    @Test
    void nulBytesAndCrInValues() {
        MessageSummary s = Fixtures.parse("Subject: a\0b\r\nMessage-ID: <x\rid>\r\n\r\nbody\0\r\n");
        assertEquals("(NIL {3}\r\na\0b NIL NIL NIL NIL NIL NIL NIL {6}\r\n<x\rid>)", s.envelope());
        assertEquals("(" + PLAIN_ASCII + " 7 1 NIL NIL NIL NIL)", s.bodyStructure());
    }

    @Test
    void veryLongHeaderLine() {
        StringBuilder refs = new StringBuilder("References:");
        for (int i = 0; i < 5000; i++) {
            refs.append(" <id").append(i).append("@example.com>");
        }
        String msg = refs + "\r\nSubject: long\r\n\r\nx\r\n";
        MessageSummary s = Fixtures.parse(msg);
        assertEquals(5000, s.threadKeys().references().size());
        assertEquals("id4999@example.com", s.threadKeys().references().get(4999));
        assertEquals("LONG", s.sortKeys().baseSubject());
        assertEquals(msg.length() - 3, s.headerSize());
    }

    @Test
    void overlongHeaderIsCutNotFatal() {
        String huge = "x".repeat(1_000_000);
        String msg = "Subject: " + huge + "\r\nFrom: a@b.example\r\n\r\nbody\r\n";
        MessageSummary s = Fixtures.parse(msg);
        // The physical line is captured up to the limit, "Subject: " included.
        assertEquals(HeaderFields.MAX_VALUE - "Subject: ".length(), s.sortKeys().baseSubject().length());
        assertEquals("A", s.sortKeys().from());
        assertEquals(msg.indexOf("body"), s.headerSize());
    }

    @Test
    void foldedHeadersAreUnfolded() {
        MessageSummary s = Fixtures.parse("Subject:\r\n one\r\n two\r\n\tthree\r\nFrom: a@b.example\r\n\r\n");
        assertEquals("(NIL \"one two\tthree\" ((NIL NIL \"a\" \"b.example\")) ((NIL NIL \"a\" \"b.example\"))"
                + " ((NIL NIL \"a\" \"b.example\")) NIL NIL NIL NIL NIL)", s.envelope());
    }

    @Test
    void boundaryNeverAppearingLeavesAnEmptyPart() {
        String msg = "Content-Type: multipart/mixed; boundary=nope\r\n\r\njust text\r\n--other\r\n";
        MessageSummary s = Fixtures.parse(msg);
        assertEquals("((" + PLAIN_ASCII + " 0 0 NIL NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"nope\") NIL NIL NIL)",
                s.bodyStructure());
        assertEquals("((" + PLAIN_ASCII + " 0 0) \"MIXED\")", s.body());
        assertEquals(List.of(), s.rootPart().parts());
    }

    @Test
    void multipartWithoutBoundaryParameter() {
        MessageSummary s = Fixtures.parse("Content-Type: multipart/alternative\r\n\r\n--x\r\n\r\ny\r\n");
        assertEquals("((" + PLAIN_ASCII + " 0 0 NIL NIL NIL NIL) \"ALTERNATIVE\" NIL NIL NIL NIL)", s.bodyStructure());
    }

    @Test
    void boundaryRightAfterPartHeaderAndPaddedDelimiter() {
        // Part 1 has no blank line before the next delimiter; part 2's delimiter has transport padding.
        String msg = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n"
                + "--b  \r\n\r\nsecond\r\n--b--\r\n";
        MessageSummary s = Fixtures.parse(msg);
        assertEquals("((" + PLAIN_ASCII + " 0 0 NIL NIL NIL NIL)(" + PLAIN_ASCII + " 6 0 NIL NIL NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL)", s.bodyStructure());
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        String msg = "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: in digest\r\n\r\nhi\r\n--d--\r\n";
        MessageSummary s = Fixtures.parse(msg);
        assertEquals("((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 24 (NIL \"in digest\" NIL NIL NIL NIL NIL NIL NIL NIL)"
                + " (" + PLAIN_ASCII + " 2 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL) \"DIGEST\" (\"BOUNDARY\" \"d\") NIL NIL NIL)",
                s.bodyStructure());
    }

    @Test
    void ioErrorsPropagateUnchecked() {
        MessageContent broken = new MessageContent() {
            @Override
            public long size() {
                return 10;
            }

            @Override
            public InputStream openStream() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                };
            }
        };
        Executable parse = () -> MessageSummary.parse(broken, 0);
        assertThrows(UncheckedIOException.class, parse);
    }

    @Test
    void garbageNeverThrows() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab-:;<>\"()@,=?\r\n \t\0\u00e9[]/*'%";
        for (int n = 0; n < 300; n++) {
            StringBuilder b = new StringBuilder("Content-Type: multipart/mixed; boundary=a\r\nTo: ");
            for (int i = 0; i < 400; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                if (random.nextInt(40) == 0) {
                    b.append("\r\n--a\r\nContent-Type: message/rfc822\r\n\r\nFrom: \"x\r\nSubject: =?utf-8?b?AAA?=\r\n");
                }
            }
            MessageSummary s = Fixtures.parse(b.toString());
            assertTrue(s.bodyStructure().startsWith("("));
            assertEquals(s, MessageSummary.fromBytes(s.toBytes()));
        }
    }
}
