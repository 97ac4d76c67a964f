package org.loftmail.pop3.codec;

/** What {@link Pop3LineDecoder} emits, in stream order. */
public sealed interface Pop3Frame {
    /** One client line without its CRLF (or bare LF); the bytes as sent, NULs and 8-bit octets included. */
    record Line(byte[] bytes) implements Pop3Frame {
        /** A line from text, for tests and the session's own use. */
        public static Line of(String s) {
            return new Line(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A line went past {@code limit} octets; it has been (or is being) discarded up to its LF. */
    record TooLong(int limit) implements Pop3Frame { }
}
