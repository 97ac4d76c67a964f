package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.wire.FetchResponse;

/**
 * Writes one item's octets as a literal: small ones through the writer, anything above
 * {@link #INLINE_MAX} through {@link ResponseSink#stream}, so a 50 MB body never sits in the
 * heap. When only reading tells the length (filtered headers, decoded BINARY content), or
 * whether a NUL forces a literal8, the content is read once to find out and once to send.
 */
final class LiteralEmitter {
    /** Above this a literal is streamed, never held in a byte array. */
    static final int INLINE_MAX = 64 * 1024;

    private final ResponseSink sink;
    private final FetchResponse response;

    LiteralEmitter(ResponseSink sink, FetchResponse response) {
        this.sink = sink;
        this.response = response;
    }

    /**
     * @param partial null for all octets; past the end gives an empty literal
     * @param binary  BINARY: octets that hold a NUL go out as literal8 ({@code ~{n}}, RFC 3516);
     *                only the octets sent count, so a partial without NUL is a plain literal
     */
    void write(String name, Octets octets, FetchAttribute.Partial partial, boolean binary) {
        long offset = partial == null ? 0 : partial.offset();
        long want = partial == null ? Long.MAX_VALUE : partial.length();
        try {
            long size = octets.size();
            if (size >= 0 && !binary) {
                long length = offset >= size ? 0 : Math.min(want, size - offset);
                if (length == 0) {
                    response.literal(name, new byte[0]);
                } else if (length <= INLINE_MAX) {
                    try (InputStream in = octets.open(offset, length)) {
                        response.literal(name, in.readNBytes((int) length));
                    }
                } else {
                    response.literalHeader(name, length);
                    stream(octets, offset, length);
                }
                return;
            }
            writeScanned(name, octets, offset, want, binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeScanned(String name, Octets octets, long offset, long want, boolean binary) throws IOException {
        long length;
        boolean nul;
        try (InputStream in = octets.open(offset, want)) {
            byte[] head = in.readNBytes((int) Math.min(want, INLINE_MAX + 1L));
            nul = binary && hasNul(head, head.length);
            if (head.length <= INLINE_MAX) {
                if (nul) {
                    response.item(name).literal8(head);
                } else {
                    response.literal(name, head);
                }
                return;
            }
            length = head.length;
            byte[] buf = new byte[16 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                length += n;
                nul |= binary && hasNul(buf, n);
            }
        }
        if (nul) {
            response.literal8Header(name, length);
        } else {
            response.literalHeader(name, length);
        }
        stream(octets, offset, length);
    }

    /** BINARY.SIZE: the octet count, reading the content when its size is not known. */
    static long size(Octets octets) {
        long size = octets.size();
        if (size >= 0) {
            return size;
        }
        try (InputStream in = octets.open(0, Long.MAX_VALUE)) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stream(Octets octets, long offset, long length) throws IOException {
        sink.stream(octets.open(offset, length), length);
        response.resume(sink.writer());
    }

    private static boolean hasNul(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
