package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loftmail.imap.fetch.Items.binary;
import static org.loftmail.imap.fetch.Items.binarySize;
import static org.loftmail.imap.fetch.Items.body;
import static org.loftmail.imap.fetch.Items.fetch;
import static org.loftmail.imap.fetch.Items.literal;
import static org.loftmail.imap.fetch.Items.partial;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.parse.FetchAttribute.Item;
import org.loftmail.imap.parse.FetchAttribute.SectionText;

/** Literals above 64 KiB go through {@link ResponseSink#stream}, never through the writer. */
class LargeFetchTest {
    private static final String HEADER = "Subject: big\nContent-Type: text/plain\n\n";

    /** About 5 MB of lines of every length, ended by LF or CRLF at random, so pairs straddle buffer ends. */
    private static String lines(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(size + 200);
        while (b.length() < size) {
            int len = random.nextInt(120);
            for (int i = 0; i < len; i++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            b.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        return b.toString();
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static RenderResult render(TestMessage m, FetchAttribute... items) {
        try (TestSink sink = new TestSink()) {
            FetchRenderer.render(sink, m, List.of(items), ZoneOffset.UTC);
            return new RenderResult(sink.wire(), List.copyOf(sink.streamed));
        }
    }

    private record RenderResult(String wire, List<Long> streamed) {
    }

    @Test
    void fiveMegabyteBodyIsStreamedWithCrlf() {
        String text = lines(5 * 1024 * 1024, 1);
        TestMessage m = TestMessage.of(HEADER + text);
        String crlfText = crlf(text);
        String all = crlf(HEADER) + crlfText;
        RenderResult r = render(m, Item.UID, body(""), Item.RFC822_SIZE, body("", SectionText.TEXT), Item.FLAGS);
        assertEquals(fetch("UID 100 " + literal("BODY[]", all) + " RFC822.SIZE " + all.length() + " "
                + literal("BODY[TEXT]", crlfText) + " FLAGS ()"), r.wire());
        assertEquals(List.of((long) all.length(), (long) crlfText.length()), r.streamed());
    }

    @Test
    void bigPartialFromTheMiddleOfAnLfMessage() {
        String text = lines(5 * 1024 * 1024, 2);
        TestMessage m = TestMessage.of(HEADER + text);
        String all = crlf(HEADER + text);
        int offset = 3_000_001;
        int length = 1_000_003;
        RenderResult r = render(m, partial("", SectionText.NONE, offset, length),
                partial("", SectionText.NONE, all.length() - 70_000, 1_000_000),
                partial("", SectionText.NONE, all.length() - 10, 1_000_000));
        assertEquals(fetch(literal("BODY[]<" + offset + ">", all.substring(offset, offset + length)) + " "
                + literal("BODY[]<" + (all.length() - 70_000) + ">", all.substring(all.length() - 70_000)) + " "
                + literal("BODY[]<" + (all.length() - 10) + ">", all.substring(all.length() - 10))), r.wire());
        assertEquals(List.of((long) length, 70_000L), r.streamed());
    }

    @Test
    void bigBase64PartIsDecodedTwiceNotBuffered() {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(data);
        data[2_000_000] = 0;
        String encoded = Base64.getMimeEncoder().encodeToString(data);
        String msg = "Subject: att\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + encoded + "\r\n--b--\r\n";
        TestMessage m = TestMessage.of(msg);
        RenderResult r = render(m, binarySize("2"), binary("2"));
        String decoded = new String(data, StandardCharsets.ISO_8859_1);
        assertEquals(fetch("BINARY.SIZE[2] " + data.length + " BINARY[2] ~{" + data.length + "}\r\n" + decoded),
                r.wire());
        assertEquals(List.of((long) data.length), r.streamed());
    }

    @Test
    void hugeHeaderFilteredWithoutHoldingIt() {
        StringBuilder header = new StringBuilder("Subject: many\n");
        for (int i = 0; i < 5000; i++) {
            header.append("X-Trace-").append(i).append(": hop ").append(i).append("\n\tvia relay.example.org\n");
        }
        String msg = header + "From: a@b\n\nbody\n";
        TestMessage m = TestMessage.of(msg);
        String kept = crlf(header.substring("Subject: many\n".length())) + "\r\n";
        RenderResult r = render(m, body("", SectionText.HEADER_FIELDS_NOT, "Subject", "From"),
                body("", SectionText.HEADER_FIELDS, "from"));
        assertTrue(kept.length() > LiteralEmitter.INLINE_MAX);
        assertEquals(fetch(literal("BODY[HEADER.FIELDS.NOT (SUBJECT FROM)]", kept) + " "
                + literal("BODY[HEADER.FIELDS (FROM)]", "From: a@b\r\n\r\n")), r.wire());
        assertEquals(List.of((long) kept.length()), r.streamed());
    }

    @Test
    void literalsUpToTheLimitStayInTheWriter() {
        String text = "x".repeat(LiteralEmitter.INLINE_MAX - 2) + "\r\n";
        RenderResult r = render(TestMessage.of("Subject: s\r\n\r\n" + text), body("", SectionText.TEXT),
                partial("", SectionText.TEXT, 0, LiteralEmitter.INLINE_MAX + 1L));
        assertEquals(fetch(literal("BODY[TEXT]", text) + " " + literal("BODY[TEXT]<0>", text)), r.wire());
        assertEquals(List.of(), r.streamed());
    }
}
