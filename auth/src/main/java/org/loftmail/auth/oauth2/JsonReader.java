package org.loftmail.auth.oauth2;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for JWT headers and claim sets. Objects become {@code Map<String, Object>}
 * in document order, arrays {@code List<Object>}, numbers {@link BigDecimal}, JSON null Java null.
 * It refuses what a lenient parser would guess at: duplicate keys (two parsers could pick different
 * values of {@code sub}), nesting deeper than {@link #MAX_DEPTH}, trailing garbage, invalid UTF-8,
 * unpaired surrogate escapes and non-RFC numbers. Errors are {@link IllegalArgumentException}s.
 */
final class JsonReader {
    /** Tokens nest a little ({@code realm_access.roles}); more is an attack on the parser. */
    static final int MAX_DEPTH = 8;
    /** Longer number literals are not dates or flags; they would only make BigDecimal work. */
    private static final int MAX_NUMBER_LENGTH = 40;

    private final String s;
    private int pos;

    private JsonReader(String s) {
        this.s = s;
    }

    /** Parses {@code utf8} as one JSON object, with only whitespace around it. */
    static Map<String, Object> readObject(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
        JsonReader r = new JsonReader(text);
        r.skipWhitespace();
        if (r.peek() != '{') {
            throw r.error("expected an object");
        }
        Object value = r.value(1);
        r.skipWhitespace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters after the object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /** A value whose container, if it is one, is the {@code depth}th level of nesting. */
    private Object value(int depth) {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{':
                checkDepth(depth);
                return object(depth);
            case '[':
                checkDepth(depth);
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("objects and arrays nested deeper than " + MAX_DEPTH);
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string();
            if (map.containsKey(key)) {
                throw error("duplicate key \"" + InvalidTokenException.printable(key) + "\"");
            }
            skipWhitespace();
            expect(':');
            map.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return Collections.unmodifiableMap(map);
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return Collections.unmodifiableList(list);
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    b.append(e);
                    break;
                case 'b':
                    b.append('\b');
                    break;
                case 'f':
                    b.append('\f');
                    break;
                case 'n':
                    b.append('\n');
                    break;
                case 'r':
                    b.append('\r');
                    break;
                case 't':
                    b.append('\t');
                    break;
                case 'u':
                    unicodeEscape(b);
                    break;
                default:
                    throw error("bad escape");
            }
        }
    }

    /** A {@code \\uXXXX} escape, joined with the low half that must follow a high surrogate. */
    private void unicodeEscape(StringBuilder b) {
        char c = hex4();
        if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate");
        }
        if (Character.isHighSurrogate(c)) {
            if (!s.startsWith("\\u", pos)) {
                throw error("unpaired surrogate");
            }
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error("unpaired surrogate");
            }
            b.append(c).append(low);
            return;
        }
        b.append(c);
    }

    private char hex4() {
        if (pos + 4 > s.length()) {
            throw error("short \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("bad number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("bad number");
            }
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number too long");
        }
        return new BigDecimal(s.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The next character, or NUL at the end (NUL cannot start or continue any token). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
