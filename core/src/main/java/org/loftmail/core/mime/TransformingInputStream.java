package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * The shape of the streaming transforms of message octets (the transfer decoders here, the
 * HEADER.FIELDS filter of IMAP FETCH, POP3's dot-stuffing): read the source through a {@link
 * PeekableInput}, produce a few output octets at a time into a small buffer, hand them out. Memory is that buffer and the
 * source's, whatever the size of the message. Subclasses only say how the next octets are made.
 */
public abstract class TransformingInputStream extends InputStream {
    protected final PeekableInput in;
    private final byte[] out;
    private int outPos;
    private int outLen;

    /** @param maxChunk the most octets one {@link #produce()} may emit */
    protected TransformingInputStream(InputStream source, int maxChunk) {
        this.in = new PeekableInput(source);
        this.out = new byte[maxChunk];
    }

    /** Emits the next octets (at least one) with {@link #emit}; false at the end. */
    protected abstract boolean produce() throws IOException;

    protected final void emit(int c) {
        out[outLen++] = (byte) c;
    }

    protected final void emit(byte[] b, int off, int len) {
        System.arraycopy(b, off, out, outLen, len);
        outLen += len;
    }

    /** True while octets produced earlier are still waiting to be read. */
    protected final boolean hasOutput() {
        return outPos < outLen;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (outPos == outLen) {
                outPos = 0;
                outLen = 0;
                if (!produce()) {
                    break;
                }
            }
            int k = Math.min(len - n, outLen - outPos);
            System.arraycopy(out, outPos, b, off + n, k);
            outPos += k;
            n += k;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
