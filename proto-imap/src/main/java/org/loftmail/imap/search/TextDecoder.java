package org.loftmail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a part's decoded bytes into text in bounded chunks. A declared charset the JVM knows is
 * used as declared (bad sequences become U+FFFD). No charset, US-ASCII, UTF-8 and unknown names
 * all get the lenient reading core uses for header text: UTF-8 where the bytes are valid UTF-8,
 * each other byte as ISO-8859-1. That finds words in the common mislabelled mail (8-bit text
 * sent as US-ASCII, Latin-1 labelled UTF-8) without guessing.
 */
final class TextDecoder {
    private static final int CHUNK = 8192;

    /** Receives decoded text; returns false to stop reading. */
    interface CharSink {
        boolean chars(char[] chars, int off, int len);
    }

    private final Charset charset;
    private final boolean lenient;

    private TextDecoder(Charset charset, boolean lenient) {
        this.charset = charset;
        this.lenient = lenient;
    }

    /** @param name the part's charset parameter, or null */
    static TextDecoder forCharset(String name) {
        if (name == null) {
            return lenientUtf8();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("us-ascii") || n.equals("ascii") || n.equals("utf-8") || n.equals("utf8")) {
            return lenientUtf8();
        }
        try {
            return new TextDecoder(Charset.forName(n), false);
        } catch (IllegalArgumentException e) {
            return lenientUtf8();
        }
    }

    private static TextDecoder lenientUtf8() {
        return new TextDecoder(StandardCharsets.UTF_8, true);
    }

    void decode(InputStream in, CharSink sink) throws IOException {
        CodingErrorAction onError = lenient ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        boolean eof = false;
        bytes.flip();
        while (!eof) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            if (!decodeAvailable(decoder, bytes, chars, eof, sink)) {
                return;
            }
        }
        CoderResult r;
        do {
            r = decoder.flush(chars);
            if (!drain(chars, sink)) {
                return;
            }
        } while (r.isOverflow());
    }

    /** Decodes what {@code bytes} holds, keeping an incomplete sequence at the end unless {@code eof}. */
    private boolean decodeAvailable(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean eof,
                                    CharSink sink) {
        while (true) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                // Lenient mode only: the offending bytes are read as ISO-8859-1.
                for (int k = 0; k < r.length(); k++) {
                    if (!chars.hasRemaining() && !drain(chars, sink)) {
                        return false;
                    }
                    chars.put((char) (bytes.get() & 0xff));
                }
            } else if (r.isOverflow()) {
                if (!drain(chars, sink)) {
                    return false;
                }
            } else {
                return drain(chars, sink);
            }
        }
    }

    private static boolean drain(CharBuffer chars, CharSink sink) {
        chars.flip();
        boolean more = !chars.hasRemaining() || sink.chars(chars.array(), chars.arrayOffset(), chars.remaining());
        chars.clear();
        return more;
    }
}
