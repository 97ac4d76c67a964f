package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.MessageContent;

/** A 20 MB attachment streamed from a file: sizes and offsets exact, nothing held in the heap. */
class LargeMessageTest {
    private static final int LINES = 20 * 1024 * 1024 / 78;
    private static final String HEAD = "From: big@example.com\r\nSubject: big\r\n"
            + "Content-Type: multipart/mixed; boundary=\"BIG\"\r\n\r\n--BIG\r\n\r\nsee attachment\r\n--BIG\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    private static final String TAIL = "\r\n--BIG--\r\n";

    @Test
    void twentyMegabyteAttachment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.eml");
        byte[] line = ("A".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < LINES; i++) {
                out.write(line);
            }
            out.write("last".getBytes(StandardCharsets.US_ASCII));
            out.write(TAIL.getBytes(StandardCharsets.US_ASCII));
        }
        long size = Files.size(file);
        MessageSummary s = MessageSummary.parse(MessageContent.of(file), 0);
        assertEquals(size, s.physicalSize());
        assertEquals(size, s.virtualSize());
        MimePart attachment = s.rootPart().find("2");
        long bodyStart = HEAD.length();
        long bodyOctets = (long) LINES * 78 + 4;
        assertEquals(bodyStart, attachment.bodyOffset());
        assertEquals(bodyStart + bodyOctets, attachment.endOffset());
        assertEquals(size - TAIL.length(), attachment.endOffset());
        assertEquals("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 14 0 NIL NIL NIL NIL)"
                + "(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" " + bodyOctets + " NIL NIL NIL NIL)"
                + " \"MIXED\" (\"BOUNDARY\" \"BIG\") NIL NIL NIL)", s.bodyStructure());
        assertEquals(s, MessageSummary.fromBytes(s.toBytes()));
    }
}
