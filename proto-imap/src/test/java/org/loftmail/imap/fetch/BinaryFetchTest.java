package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loftmail.imap.fetch.Items.binary;
import static org.loftmail.imap.fetch.Items.binarySize;
import static org.loftmail.imap.fetch.Items.fetch;
import static org.loftmail.imap.fetch.Items.literal;
import static org.loftmail.imap.fetch.TestSink.render;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.FetchAttribute.Item;

/** RFC 3516 BINARY, BINARY.PEEK and BINARY.SIZE. */
class BinaryFetchTest {
    private final TestMessage mixed = TestMessage.of(SectionFetchTest.MIXED);

    @Test
    void base64WithNulIsALiteral8() {
        assertEquals(fetch("BINARY[3] ~{5}\r\n\0\u0001\u0002\u0003\u0004 BINARY.SIZE[3] 5"),
                render(mixed, binary("3"), binarySize("3")));
    }

    @Test
    void quotedPrintableDecodesEscapesSoftBreaksAndTrailingSpace() {
        assertEquals(fetch(literal("BINARY[4]", "caf\u00c3\u00a9 soft") + " BINARY.SIZE[4] 10"),
                render(mixed, binary("4"), binarySize("4")));
    }

    @Test
    void identityEncodingsAndEncapsulatedMessages() {
        assertEquals(fetch(literal("BINARY[1]", "part one") + " BINARY.SIZE[1] 8 "
                + literal("BINARY[2]", SectionFetchTest.INNER_HEADER + SectionFetchTest.INNER_BODY) + " "
                + literal("BINARY[2.1]", "inner plain")),
                render(mixed, binary("1"), binarySize("1"), binary("2"), binary("2.1")));
    }

    @Test
    void partialOfDecodedContentIsALiteral8OnlyWhenTheSentOctetsHoldNul() {
        assertEquals(fetch(literal("BINARY[4]<3>", "\u00c3\u00a9 ") + " BINARY[3]<4> {1}\r\n\u0004"
                + " BINARY[3]<1> {3}\r\n\u0001\u0002\u0003 BINARY[3]<5> {0}\r\n"),
                render(mixed, binary("4", 3, 3), binary("3", 4, 10), binary("3", 1, 3), binary("3", 5, 1)));
        assertEquals(fetch("BINARY[3]<0> ~{2}\r\n\0\u0001"), render(mixed, binary("3", 0, 2)));
    }

    @Test
    void missingPartIsEmpty() {
        assertEquals(fetch("BINARY[9] {0}\r\n BINARY.SIZE[2.7] 0"), render(mixed, binary("9"), binarySize("2.7")));
    }

    @Test
    void wholeSinglePartMessageIsTheHeaderAndTheDecodedBody() {
        String header = "Subject: b\nContent-Transfer-Encoding: base64\n\n";
        TestMessage m = TestMessage.of(header + "aGVs\nbG8=\n");
        String crlfHeader = header.replace("\n", "\r\n");
        assertEquals(fetch(literal("BINARY[]", crlfHeader + "hello") + " " + literal("BINARY[1]", "hello")
                + " BINARY.SIZE[] " + (crlfHeader.length() + 5) + " BINARY.SIZE[1] 5"),
                render(m, binary(""), binary("1"), binarySize(""), binarySize("1")));
    }

    @Test
    void unknownEncodingFailsBeforeAnythingIsWritten() {
        TestMessage m = TestMessage.of("Subject: u\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 f\r\n");
        try (TestSink sink = new TestSink()) {
            assertThrows(UnknownCteException.class,
                    () -> FetchRenderer.render(sink, m, List.of(Item.UID, binary("1")), ZoneOffset.UTC));
            assertThrows(UnknownCteException.class,
                    () -> FetchRenderer.render(sink, m, List.of(Item.UID, binarySize("")), ZoneOffset.UTC));
            assertEquals("", sink.wire());
        }
    }

    @Test
    void multipartHasNothingToDecode() {
        assertThrows(UnknownCteException.class, () -> render(mixed, binary("")));
        assertThrows(UnknownCteException.class, () -> render(mixed, binarySize("")));
        // Part 2 is message/rfc822 (identity), though the message it holds is a multipart.
        assertEquals(fetch("BINARY.SIZE[2] " + (SectionFetchTest.INNER_HEADER.length()
                + SectionFetchTest.INNER_BODY.length())), render(mixed, binarySize("2")));
    }

    @Test
    void binaryEncodingKeepsStoredOctetsAndLf() {
        TestMessage m = TestMessage.of("Subject: r\r\nContent-Transfer-Encoding: binary\r\n\r\na\nb\0c");
        assertEquals(fetch("BINARY[1] ~{5}\r\na\nb\0c BINARY.SIZE[1] 5"), render(m, binary("1"), binarySize("1")));
    }

    @Test
    void eightBitTextGetsCrlfAndKeepsNul() {
        TestMessage m = TestMessage.of("Subject: r\r\nContent-Transfer-Encoding: 8BIT\r\n\r\na\nb\0c");
        assertEquals(fetch("BINARY[1] ~{6}\r\na\r\nb\0c BINARY.SIZE[1] 6"), render(m, binary("1"), binarySize("1")));
    }
}
