package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
    private static Map<String, Object> read(String json) {
        return JsonReader.readObject(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> m = read(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\", \"n\":-12.5e1, \"z\":0, \"t\":true,"
                + " \"f\":false, \"x\":null, \"a\":[1,\"two\",[],{}], \"o\":{\"k\":\"v\"}, \"\u00e9\":\"\u00e9\"}\r\n");
        assertEquals("a\"b\\c/\n\u00e9\ud83d\ude00", m.get("s"));
        assertEquals(new BigDecimal("-12.5e1"), m.get("n"));
        assertEquals(BigDecimal.ZERO, m.get("z"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("x"));
        assertNull(m.get("x"));
        assertEquals(List.of(BigDecimal.ONE, "two", List.of(), Map.of()), m.get("a"));
        assertEquals(Map.of("k", "v"), m.get("o"));
        assertEquals("\u00e9", m.get("\u00e9"));
        assertEquals(List.of("s", "n", "z", "t", "f", "x", "a", "o", "\u00e9"), List.copyOf(m.keySet()), "document order");
    }

    @Test
    void nestingUpToEightLevels() {
        read("{\"a\":[[[[[[[1]]]]]]]}");
        assertThrows(IllegalArgumentException.class, () -> read("{\"a\":[[[[[[[[1]]]]]]]]}"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}}}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "\"s\"", "1", "null", "{", "}", "{}x", "{} {}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{a:1}",
        "{'a':1}", "{\"a\"}", "{\"a\":}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
        "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":True}",
        "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"tab\there\"}", "{\"a\":1,\"a\":1}", "{\"\\u0061\":1,\"a\":2}",
        "\ufeff{}", "{\"a\":1}\u0000", "{\"a\":12345678901234567890123456789012345678901}", "{\"a\"\u00a0:1}"
    })
    void refusesWhatIsNotStrictJson(String json) {
        assertThrows(IllegalArgumentException.class, () -> read(json), json);
    }

    @Test
    void refusesInvalidUtf8() {
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.readObject(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'}));
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.readObject(new byte[] {'{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ':', '1', '}'}));
    }
}
