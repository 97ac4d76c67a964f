package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SummaryCodecTest {
    @ParameterizedTest
    @ValueSource(strings = {"simple.eml", "nested.eml", "encoded.eml", "groups.eml", "missing.eml", "malformed.eml"})
    void roundTripsEveryCorpusMessage(String name) {
        for (byte[] message : new byte[][] {Fixtures.crlf(name), Fixtures.raw(name)}) {
            MessageSummary s = Fixtures.parse(message);
            byte[] bytes = s.toBytes();
            assertEquals(SummaryCodec.VERSION, bytes[0]);
            MessageSummary back = MessageSummary.fromBytes(bytes);
            assertEquals(s, back);
            assertEquals(s.rootPart(), back.rootPart());
            assertEquals(s.threadKeys(), back.threadKeys());
            assertArrayEquals(bytes, back.toBytes());
        }
    }

    @Test
    void eightBitAndUnicodeSurvive() {
        MessageSummary s = Fixtures.parse("Subject: \u00c3\u00a9t\u00e9 \0\r\nDate: 1 Jan 1900 00:00 +0000\r\n\r\n");
        assertEquals(s, MessageSummary.fromBytes(s.toBytes()));
        assertEquals(s.sortKeys().sentDate(), MessageSummary.fromBytes(s.toBytes()).sortKeys().sentDate());
    }

    @Test
    void rejectsUnknownVersionAndTruncation() {
        byte[] bytes = Fixtures.parse(Fixtures.crlf("nested.eml")).toBytes();
        bytes[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> MessageSummary.fromBytes(bytes));
        byte[] good = Fixtures.parse(Fixtures.crlf("nested.eml")).toBytes();
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThrows(IllegalArgumentException.class, () -> MessageSummary.fromBytes(cut));
    }
}
