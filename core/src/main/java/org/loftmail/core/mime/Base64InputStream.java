package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes a base64 body (RFC 2045 section 6.8) as it streams, as leniently as mail needs, like
 * Dovecot: line breaks and anything else outside the alphabet are skipped, and padding ends a
 * group without ending the data, so bodies whose lines or blocks were encoded one by one and
 * then concatenated still decode. A trailing group of two or three characters yields its one or
 * two octets; a lone character yields none. Never throws on bad input: the same octets always
 * decode to the same content, so a size computed by one pass (IMAP BINARY.SIZE) matches the
 * content sent by the next.
 */
public final class Base64InputStream extends TransformingInputStream {
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private int quantum;
    private int count;

    /** @param in the encoded body; line ends may be CRLF, LF or anything, they are skipped */
    public Base64InputStream(InputStream in) {
        super(in, 3);
    }

    @Override
    protected boolean produce() throws IOException {
        while (true) {
            int c = in.next();
            if (c < 0) {
                return flushPartial();
            }
            if (c == '=') {
                if (flushPartial()) {
                    return true;
                }
                continue;
            }
            int v = VALUES[c];
            if (v < 0) {
                continue;
            }
            quantum = quantum << 6 | v;
            if (++count == 4) {
                emit(quantum >> 16);
                emit(quantum >> 8);
                emit(quantum);
                quantum = 0;
                count = 0;
                return true;
            }
        }
    }

    /** Ends the group at padding or the end of input; true if it yielded octets. */
    private boolean flushPartial() {
        int n = count;
        if (n == 2) {
            emit(quantum >> 4);
        } else if (n == 3) {
            emit(quantum >> 10);
            emit(quantum >> 2);
        }
        quantum = 0;
        count = 0;
        return n >= 2;
    }
}
