package org.loftmail.imap.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MessageContent;
import org.loftmail.imap.fetch.CrlfInputStream.Mode;

class CrlfInputStreamTest {
    private static final String STORED = "a\nbc\r\n\nd\re\n\r\n\n";
    private static final String SENT = "a\r\nbc\r\n\r\nd\re\r\n\r\n\r\n";

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static MessageRange range(String stored, int start, int end, long virtualSize, Mode mode) {
        return new MessageRange(MessageContent.of(stored.getBytes(StandardCharsets.ISO_8859_1)), start, end,
                virtualSize, mode);
    }

    @Test
    void everyWindowMatchesTheCrlfForm() throws IOException {
        MessageRange r = range(STORED, 0, STORED.length(), SENT.length(), Mode.TEXT);
        for (int offset = 0; offset <= SENT.length() + 1; offset++) {
            for (int length = 0; length <= SENT.length() + 1; length++) {
                String expected = offset >= SENT.length() ? ""
                        : SENT.substring(offset, Math.min(SENT.length(), offset + length));
                assertEquals(expected, read(r.open(offset, length)), offset + "." + length);
            }
        }
    }

    @Test
    void skipAfterReadsCountsVirtualOctets() throws IOException {
        byte[] stored = STORED.getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream in = new CrlfInputStream(new ByteArrayInputStream(stored), stored.length, Mode.TEXT, true)) {
            assertEquals('a', in.read());
            assertEquals('\r', in.read());
            assertEquals(2, in.skip(2));
            assertEquals('c', in.read());
            assertEquals(3, in.skip(3));
            assertEquals('\n', in.read());
            assertEquals(SENT.substring(9), read(in));
        }
    }

    @Test
    void rangeWithoutBareLfSeeksAndPassesThrough() throws IOException {
        String stored = "xx\r\nab\r\ncd\rX";
        MessageRange r = range(stored, 2, stored.length() - 1, stored.length() - 3, Mode.TEXT);
        assertEquals("\r\nab\r\ncd\r", read(r.open(0, 100)));
        assertEquals("b\r\nc", read(r.open(3, 4)));
        assertEquals("", read(r.open(9, 4)));
    }

    @Test
    void rawModeLeavesLfAndNul() throws IOException {
        String stored = "a\nb\0";
        assertEquals(stored, read(range(stored, 0, 4, 5, Mode.RAW).open(0, 10)));
        assertEquals("\nb", read(range(stored, 0, 4, 5, Mode.RAW).open(1, 2)));
        assertEquals("a\r\nb\0", read(range(stored, 0, 4, 5, Mode.TEXT).open(0, 10)));
        assertEquals("a\r\nb\u0080", read(range(stored, 0, 4, 5, Mode.LITERAL).open(0, 10)));
    }

    @Test
    void spoolFileAndDirectBufferContent(@TempDir Path dir) throws IOException {
        byte[] stored = ("x\n" + STORED).getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("msg");
        Files.write(file, stored);
        ByteBuffer direct = ByteBuffer.allocateDirect(stored.length).put(stored).flip();
        for (MessageContent content : List.of(MessageContent.of(file), MessageContent.of(direct))) {
            MessageRange r = new MessageRange(content, 2, stored.length, SENT.length(), Mode.TEXT);
            assertEquals(SENT.substring(4), read(r.open(4, 100)));
        }
    }

    @Test
    void rangeInsideTheMessage() throws IOException {
        String stored = "head\nbody\nmore\ntail";
        assertEquals("body\r\nmore", read(range(stored, 5, 14, 10, Mode.LITERAL).open(0, Long.MAX_VALUE)));
        assertEquals("\nmore", read(range(stored, 5, 14, 10, Mode.LITERAL).open(5, Long.MAX_VALUE)));
    }
}
