package org.loftmail.imap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loftmail.imap.wire.Wire.write;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;

class FetchResponseTest {

    @Test
    void typicalFetch() {
        assertEquals("* 12 FETCH (UID 5 FLAGS (\\Seen) RFC822.SIZE 123 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\""
                        + " MODSEQ (624140003))\r\n",
                write(w -> FetchResponse.begin(w, 12).uid(5).flags(Flags.of(Flags.SEEN), false).rfc822Size(123)
                        .internalDate(837596665000L, ZoneOffset.ofHours(-7)).modSeq(624140003).end()));
    }

    @Test
    void flagsWithRecentAndEmpty() {
        assertEquals("* 1 FETCH (FLAGS (\\Recent))\r\n",
                write(w -> FetchResponse.begin(w, 1).flags(Flags.NONE, true).end()));
        assertEquals("* 1 FETCH ()\r\n", write(w -> FetchResponse.begin(w, 1).end()));
    }

    @Test
    void renderedEnvelopeAndBodyStructureAreWrittenAsOctets() {
        // Core renders one char per octet; \u00e9 here is the single octet E9, not UTF-8 C3 A9.
        String envelope = "(\"Mon, 7 Feb 1994\" {4}\r\ncaf\u00e9 NIL NIL NIL NIL NIL NIL NIL \"<id>\")";
        String bodyStructure = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)";
        String out = write(w -> FetchResponse.begin(w, 2).envelope(envelope).bodyStructure(bodyStructure, true)
                .bodyStructure(bodyStructure, false).end());
        assertEquals("* 2 FETCH (ENVELOPE " + envelope + " BODYSTRUCTURE " + bodyStructure + " BODY " + bodyStructure
                + ")\r\n", out);
        assertEquals(0xE9, out.charAt(out.indexOf("caf") + 3));
    }

    @Test
    void literalItems() {
        assertEquals("* 3 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT)] {14}\r\nSubject: x\r\n\r\n BINARY[1] NIL)\r\n",
                write(w -> FetchResponse.begin(w, 3).uid(9)
                        .literal("BODY[HEADER.FIELDS (SUBJECT)]", "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                        .nil("BINARY[1]").end()));
        assertEquals("* 3 FETCH (BINARY.SIZE[1] 42)\r\n",
                write(w -> {
                    FetchResponse f = FetchResponse.begin(w, 3);
                    f.item("BINARY.SIZE[1]").number(42);
                    f.end();
                }));
    }

    @Test
    void bigBodyIsStreamedBetweenTwoBuffers() {
        ByteBuf head = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf tail = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            ImapResponseWriter w = new ImapResponseWriter(head);
            FetchResponse f = FetchResponse.begin(w, 7).uid(100).literalHeader("BODY[]<0>", 52_428_800L);
            // Here the session writes `head`, then a FileRegion of 52428800 octets.
            w.target(tail);
            f.literal8Header("BINARY[2]", 2);
            tail.writeByte(0).writeByte(1);
            f.flags(Flags.of(Flags.SEEN), false).end();
            assertEquals("* 7 FETCH (UID 100 BODY[]<0> {52428800}\r\n", head.toString(StandardCharsets.US_ASCII));
            assertEquals(" BINARY[2] ~{2}\r\n\0\u0001 FLAGS (\\Seen))\r\n", tail.toString(StandardCharsets.US_ASCII));
        } finally {
            head.release();
            tail.release();
        }
    }

    @Test
    void endedResponseRefusesMore() {
        assertThrows(IllegalStateException.class, () -> write(w -> {
            FetchResponse f = FetchResponse.begin(w, 1);
            f.end();
            f.uid(1);
        }));
    }
}
