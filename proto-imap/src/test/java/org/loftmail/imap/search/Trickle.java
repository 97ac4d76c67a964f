package org.loftmail.imap.search;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A stream that hands out one byte per read, so decoders meet every possible split point. */
final class Trickle extends FilterInputStream {
    Trickle(byte[] bytes) {
        super(new ByteArrayInputStream(bytes));
    }

    static InputStream of(String latin1) {
        return new Trickle(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
    }
}
