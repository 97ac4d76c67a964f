package org.loftmail.auth.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads LF-terminated lines (a CR before the LF is dropped) straight from a channel, each byte
 * looked at once, refusing a line longer than the limit before buffering it. Reads the channel
 * itself rather than through {@code Channels.newInputStream}, whose reads lock the channel in a
 * way that can hold up the replies other threads write meanwhile.
 */
final class LineReader {
    /** A line went past the limit; the rest of the stream cannot be trusted to be in step. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    private final ReadableByteChannel in;
    private final int maxLength;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096).flip();
    private byte[] line = new byte[256];
    private int length;

    LineReader(ReadableByteChannel in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its end, or null at the end of the stream (a partial last line is dropped). */
    String readLine() throws IOException {
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    String s = new String(line, 0, end, StandardCharsets.UTF_8);
                    length = 0;
                    return s;
                }
                if (length == maxLength) {
                    throw new LineTooLongException(maxLength);
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(line.length * 2, maxLength));
                }
                line[length++] = b;
            }
            buffer.clear();
            int n = in.read(buffer);
            buffer.flip();
            if (n < 0) {
                return null;
            }
        }
    }
}
