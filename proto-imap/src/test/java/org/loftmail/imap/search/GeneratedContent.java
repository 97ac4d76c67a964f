package org.loftmail.imap.search;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.model.MessageContent;

/**
 * A large message made on the fly from repeated pieces, so a test can search tens of megabytes
 * without holding them: nothing but the pieces is ever in the heap. Reading it into one array
 * fails the test.
 */
final class GeneratedContent implements MessageContent {
    private final List<byte[]> pieces = new ArrayList<>();
    private final List<Long> repeats = new ArrayList<>();
    private long size;

    GeneratedContent add(byte[] piece, long times) {
        pieces.add(piece);
        repeats.add(times);
        size += piece.length * times;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] toByteArray() {
        throw new AssertionError("search must stream, not read the message into an array");
    }

    @Override
    public InputStream openStream() {
        return new InputStream() {
            private int piece;
            private long round;
            private int pos;

            /** Moves past exhausted pieces; false at the end. */
            private boolean ready() {
                while (piece < pieces.size()) {
                    if (pos < pieces.get(piece).length && round < repeats.get(piece)) {
                        return true;
                    }
                    pos = 0;
                    if (++round >= repeats.get(piece)) {
                        piece++;
                        round = 0;
                    }
                }
                return false;
            }

            @Override
            public int read() {
                return ready() ? pieces.get(piece)[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!ready()) {
                    return -1;
                }
                byte[] p = pieces.get(piece);
                int n = Math.min(len, p.length - pos);
                System.arraycopy(p, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
