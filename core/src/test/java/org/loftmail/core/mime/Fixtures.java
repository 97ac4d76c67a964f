package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.loftmail.core.model.MessageContent;

/** Loads the hand-written corpus under resources/mime. */
final class Fixtures {
    static final long INTERNAL_DATE = 1_700_000_000_000L;

    private Fixtures() {
    }

    /** The fixture with every line ending made CRLF, whatever git did to the file. */
    static byte[] crlf(String name) {
        String s = new String(raw(name), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] raw(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mime/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageSummary parse(byte[] message) {
        return MessageSummary.parse(MessageContent.of(message), INTERNAL_DATE);
    }

    static MessageSummary parse(String message) {
        return parse(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Offset of the first occurrence of {@code marker}. */
    static int indexOf(byte[] message, String marker) {
        int i = new String(message, StandardCharsets.ISO_8859_1).indexOf(marker);
        if (i < 0) {
            throw new IllegalArgumentException("marker not found: " + marker);
        }
        return i;
    }
}
