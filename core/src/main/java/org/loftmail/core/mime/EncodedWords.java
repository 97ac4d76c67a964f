package org.loftmail.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Decodes a raw header value (a byte string: one char per octet) to Unicode for SORT keys:
 * RFC 2047 encoded-words (Q and B, any charset the JVM knows, RFC 2231 language suffix ignored),
 * whitespace between adjacent encoded-words dropped, and adjacent words in the same charset
 * decoded together so a multi-byte character split across two words survives. Raw 8-bit text is
 * taken as UTF-8 when it is valid UTF-8, else as ISO-8859-1. Malformed words stay as written; unknown charsets are read as ISO-8859-1.
 */
final class EncodedWords {
    private EncodedWords() {
    }

    static String decode(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int i = 0;
        int textStart = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("=?", i);
            Word w = start < 0 ? null : Word.at(raw, start);
            if (w == null) {
                if (start < 0) {
                    break;
                }
                i = start + 2;
                continue;
            }
            String between = raw.substring(textStart, start);
            boolean adjacent = pendingCharset != null && between.isBlank();
            if (!adjacent) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(raw8(between));
            }
            if (pendingCharset != null && !pendingCharset.equals(w.charset)) {
                flush(out, pending, pendingCharset);
            }
            pendingCharset = w.charset;
            pending.writeBytes(w.bytes);
            i = w.end;
            textStart = w.end;
        }
        flush(out, pending, pendingCharset);
        out.append(raw8(raw.substring(textStart)));
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (charset == null || pending.size() == 0) {
            pending.reset();
            return;
        }
        Charset cs;
        try {
            cs = Charset.forName(charset);
        } catch (RuntimeException e) {
            cs = StandardCharsets.ISO_8859_1;
        }
        out.append(new String(pending.toByteArray(), cs));
        pending.reset();
    }

    /** A byte string's text: UTF-8 if it decodes cleanly, else ISO-8859-1. */
    static String raw8(String byteString) {
        boolean ascii = true;
        for (int k = 0; k < byteString.length() && ascii; k++) {
            ascii = byteString.charAt(k) < 0x80;
        }
        if (ascii) {
            return byteString;
        }
        byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return byteString;
        }
    }

    /** One encoded-word: =?charset?enc?text?= . */
    private record Word(String charset, byte[] bytes, int end) {
        static Word at(String s, int start) {
            int q1 = s.indexOf('?', start + 2);
            if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
                return null;
            }
            int close = s.indexOf("?=", q1 + 3);
            if (close < 0) {
                return null;
            }
            String charset = s.substring(start + 2, q1);
            int star = charset.indexOf('*');
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            String text = s.substring(q1 + 3, close);
            if (charset.isEmpty() || text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
                return null;
            }
            char enc = Character.toUpperCase(s.charAt(q1 + 1));
            byte[] bytes;
            if (enc == 'B') {
                try {
                    bytes = Base64.getMimeDecoder().decode(text.replace("=", "") + padding(text.replace("=", "")));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            } else if (enc == 'Q') {
                bytes = qDecode(text);
            } else {
                return null;
            }
            return new Word(charset.toLowerCase(Locale.ROOT), bytes, close + 2);
        }

        private static String padding(String b64) {
            int rem = b64.length() % 4;
            return rem == 2 ? "==" : rem == 3 ? "=" : "";
        }

        private static byte[] qDecode(String text) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(text.length());
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                if (c == '_') {
                    b.write(' ');
                } else if (c == '=' && k + 2 < text.length() && hex(text.charAt(k + 1)) >= 0
                        && hex(text.charAt(k + 2)) >= 0) {
                    b.write(hex(text.charAt(k + 1)) * 16 + hex(text.charAt(k + 2)));
                    k += 2;
                } else {
                    b.write(c & 0xff);
                }
            }
            return b.toByteArray();
        }

        private static int hex(char c) {
            return Character.digit(c, 16);
        }
    }
}
