package org.loftmail.imap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loftmail.imap.wire.Wire.utf8;
import static org.loftmail.imap.wire.Wire.write;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;

class ImapResponseWriterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "INBOX|INBOX",
        "foo]bar|foo]bar",            // ']' is an ASTRING-CHAR
        "''|\"\"",                    // empty string
        "NIL|\"NIL\"",
        "nil|\"nil\"",
        "Nil|\"Nil\"",
        "NILS|NILS",
        "a b|\"a b\"",
        "a(b|\"a(b\"",
        "a)b|\"a)b\"",
        "a{b|\"a{b\"",
        "a%b|\"a%b\"",
        "a*b|\"a*b\"",
        "a\"b|\"a\\\"b\"",
        "a\\b|\"a\\\\b\"",
    })
    void astringPicksCheapestForm(String value, String expected) {
        assertEquals(expected, write(w -> w.astring(value)));
    }

    @Test
    void controlAndEightBitForceLiterals() {
        assertEquals("{3}\r\na\rb", write(w -> w.astring("a\rb")));
        assertEquals("{3}\r\na\nb", write(w -> w.astring("a\nb")));
        assertEquals("{3}\r\na\0b", write(w -> w.string("a\0b")));
        assertEquals("{2}\r\n" + utf8("ü"), write(w -> w.astring("ü")));
        assertEquals("{2}\r\n" + utf8("ü"), write(w -> w.string("ü")));
        // Tab and DEL are CHARs and may be quoted.
        assertEquals("\"a\tb\"", write(w -> w.astring("a\tb")));
    }

    @Test
    void utf8ModeQuotesEightBit() {
        assertEquals("\"" + utf8("Grüße \\\"x\\\"") + "\"", write(true, w -> w.string("Grüße \"x\"")));
        assertEquals("{3}\r\n" + utf8("ä") + "\n", write(true, w -> w.string("ä\n")));
    }

    @Test
    void stringIsNeverAnAtom() {
        assertEquals("\"INBOX\"", write(w -> w.string("INBOX")));
        assertEquals("\"\"", write(w -> w.string("")));
        assertEquals("NIL", write(w -> w.nstring(null)));
        assertEquals("\"x\"", write(w -> w.nstring("x")));
    }

    @Test
    void quotedRefusesWhatNeedsALiteral() {
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.quoted("a\r\n")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.quoted("ü")));
    }

    @Test
    void atomsAndNumbers() {
        assertEquals("FETCH 0 7 4294967295 9223372036854775807",
                write(w -> w.atom("FETCH").sp().number(0).sp().number(7).sp().number(4294967295L).sp()
                        .number(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.atom("a b")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.atom("a\r")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.number(-1)));
    }

    @Test
    void literals() {
        assertEquals("{5}\r\nhello", write(w -> w.literal("hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("~{3}\r\na\0b", write(w -> w.literal8(new byte[] {'a', 0, 'b'})));
        assertEquals("{0}\r\n", write(w -> w.literal(new byte[0])));
        assertEquals("{52428800}\r\n", write(w -> w.literalHeader(52_428_800)));
        assertEquals("~{7}\r\n", write(w -> w.literal8Header(7)));
        ByteBuf content = Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII);
        try {
            assertEquals("{3}\r\nabc", write(w -> w.literal(content)));
            assertEquals(3, content.readableBytes(), "the source buffer is not consumed");
        } finally {
            content.release();
        }
    }

    @Test
    void byteStringsKeepTheirOctets() {
        // One char per octet: "é" in UTF-8 is C3 A9, rendered by core as two chars.
        String rendered = "\u00c3\u00a9";
        assertEquals("{2}\r\n\u00c3\u00a9", write(w -> w.byteString(rendered)));
        assertEquals("\"plain \\\"q\\\"\"", write(w -> w.byteString("plain \"q\"")));
        assertEquals("NIL", write(w -> w.nbyteString(null)));
        assertEquals("(\"a\" {1}\r\n\u00ff)", write(w -> w.latin1("(\"a\" {1}\r\n\u00ff)")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.latin1("\u0100")));
    }

    @Test
    void mailboxNames() {
        MailboxName drafts = MailboxName.of("Entwürfe");
        assertEquals("Entw&APw-rfe", write(w -> w.mailbox(drafts)));
        assertEquals("\"" + utf8("Entwürfe") + "\"", write(true, w -> w.mailbox(drafts)));
        assertEquals("INBOX", write(w -> w.mailbox(MailboxName.of("inbox"))));
        assertEquals("\"NIL\"", write(w -> w.mailbox(MailboxName.of("NIL"))));
        assertEquals("\"NIL\"", write(true, w -> w.mailbox(MailboxName.of("NIL"))));
        assertEquals("\"My Mail\"", write(w -> w.mailbox(MailboxName.of("My Mail"))));
        assertEquals("\"a\\\"b\"", write(true, w -> w.mailbox(MailboxName.of("a\"b"))));
        assertEquals("A&-B", write(w -> w.mailbox(MailboxName.of("A&B"))));
        assertEquals("A&B", write(true, w -> w.mailbox(MailboxName.of("A&B"))));
    }

    @Test
    void flagLists() {
        assertEquals("()", write(w -> w.flags(Flags.NONE, false)));
        assertEquals("(\\Recent)", write(w -> w.flags(Flags.NONE, true)));
        Flags f = Flags.of(Flags.SEEN | Flags.DELETED | Flags.DRAFT | Flags.ANSWERED | Flags.FLAGGED, "$Junk", "Work");
        assertEquals("(\\Seen \\Answered \\Flagged \\Deleted \\Draft \\Recent $Junk Work)",
                write(w -> w.flags(f, true)));
        assertEquals("($Forwarded)", write(w -> w.flags(Flags.of(0, "$Forwarded"), false)));
    }

    @Test
    void numberSetsCompressIntoRanges() {
        assertEquals("1:3,5,7:9", write(w -> w.numberSet(NumberSet.of(1, 2, 3, 5, 7, 8, 9))));
        assertEquals("1:3,5,7:9", write(w -> w.numberSet(NumberSet.sorted(9, 3, 1, 8, 2, 5, 7, 3, 9))));
        assertEquals("42", write(w -> w.numberSet(NumberSet.of(42))));
        assertEquals("1:4000000", write(w -> w.numberSet(NumberSet.range(1, 4_000_000))));
        assertEquals("1:10,12:20", write(w -> w.numberSet(
                NumberSet.builder().addRange(1, 5).addRange(6, 10).add(12).addRange(13, 20).build())));
        assertThrows(IllegalArgumentException.class, () -> NumberSet.of(0));
        assertThrows(IllegalArgumentException.class, () -> NumberSet.range(5, 4));
        assertThrows(IllegalStateException.class, () -> NumberSet.of());
        assertEquals(NumberSet.of(1, 2, 3), NumberSet.range(1, 3));
        assertEquals("1:3,5", NumberSet.of(1, 2, 3, 5).toString());
    }

    @Test
    void orderPreservedForCopyUid() {
        assertEquals("5,3:4", write(w -> w.numberSet(NumberSet.of(5, 3, 4))));
    }

    @Test
    void internalDateInZones() {
        long t = ZonedDateTime.of(2024, 7, 7, 9, 5, 3, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertEquals("\"07-Jul-2024 09:05:03 +0000\"", write(w -> w.internalDate(t, ZoneOffset.UTC)));
        assertEquals("\"07-Jul-2024 11:05:03 +0200\"", write(w -> w.internalDate(t, ZoneId.of("Europe/Berlin"))));
        assertEquals("\"07-Jul-2024 05:05:03 -0400\"", write(w -> w.internalDate(t, ZoneId.of("America/New_York"))));
        assertEquals("\"07-Jul-2024 14:50:03 +0545\"", write(w -> w.internalDate(t, ZoneId.of("Asia/Kathmandu"))));
        assertEquals("\"06-Jul-2024 23:35:03 -0930\"", write(w -> w.internalDate(t, ZoneOffset.ofHoursMinutes(-9, -30))));
        long winter = ZonedDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertEquals("\"01-Jan-2000 00:59:59 +0100\"", write(w -> w.internalDate(winter, ZoneId.of("Europe/Berlin"))));
        assertEquals("\"01-Jan-1970 00:00:00 +0000\"", write(w -> w.internalDate(0, ZoneOffset.UTC)));
    }

    @Test
    void statusLines() {
        assertEquals("a1 OK LOGIN completed\r\n", write(w -> w.status("a1", Condition.OK, null, "LOGIN completed")));
        assertEquals("a2 NO [TRYCREATE] No such mailbox\r\n",
                write(w -> w.status("a2", Condition.NO, ResponseCode.Simple.TRYCREATE, "No such mailbox")));
        assertEquals("a3 BAD [PARSE] Bad syntax\r\n",
                write(w -> w.status("a3", Condition.BAD, ResponseCode.Simple.PARSE, "Bad syntax")));
        assertEquals("* OK [UIDNEXT 4392] Predicted next UID\r\n",
                write(w -> w.status(null, Condition.OK, new ResponseCode.UidNext(4392), "Predicted next UID")));
        assertEquals("* BYE Logging out\r\n", write(w -> w.status(null, Condition.BYE, null, "Logging out")));
        assertEquals("* PREAUTH Ready\r\n", write(w -> w.status(null, Condition.PREAUTH, null, "Ready")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.status("a", Condition.BYE, null, "x")));
        assertThrows(IllegalArgumentException.class, () -> write(w -> w.status("a", Condition.OK, null, "")));
    }

    @Test
    void textCannotInjectLines() {
        assertEquals("a NO bad  * OK fake\r\n", write(w -> w.status("a", Condition.NO, null, "bad\r\n* OK fake")));
        assertEquals("a NO caf?\r\n", write(w -> w.status("a", Condition.NO, null, "café")));
        assertEquals("a NO " + utf8("café 😀") + "\r\n", write(true, w -> w.status("a", Condition.NO, null, "café 😀")));
        assertEquals("a NO x?y\r\n", write(w -> w.status("a", Condition.NO, null, "x😀y")));
    }

    @Test
    void continuations() {
        assertEquals("+ Ready for literal data\r\n", write(w -> w.continuation("Ready for literal data")));
        assertEquals("+ \r\n", write(w -> w.continuationBase64(new byte[0])));
        assertEquals("+ aGk=\r\n", write(w -> w.continuationBase64("hi".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void targetSwapsBuffersForStreamedBodies() {
        ByteBuf first = Unpooled.buffer();
        ByteBuf second = Unpooled.buffer();
        try {
            ImapResponseWriter w = new ImapResponseWriter(first);
            w.untagged().atom("X").sp().literalHeader(3);
            ByteBuf previous = w.target(second);
            assertEquals(first, previous);
            w.closeParen();
            assertEquals("* X {3}\r\n", first.toString(StandardCharsets.US_ASCII));
            assertEquals(")", second.toString(StandardCharsets.US_ASCII));
            assertEquals(second, w.buffer());
        } finally {
            first.release();
            second.release();
        }
    }
}
