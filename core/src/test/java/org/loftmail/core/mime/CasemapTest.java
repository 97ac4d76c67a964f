package org.loftmail.core.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 5051 i;unicode-casemap keys, compared as UTF-8 octets. */
class CasemapTest {
    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(Casemap.key(a).getBytes(StandardCharsets.UTF_8),
                Casemap.key(b).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void asciiIsAsciiCasemap() {
        assertEquals("HELLO, WORLD [1]", Casemap.key("Hello, world [1]"));
        // i;ascii-casemap maps to upper case, so "_" (0x5F) sorts after letters, not before.
        assertTrue(compare("abc", "_abc") < 0);
        assertTrue(compare("Zebra", "apple") > 0);
        assertEquals(0, compare("MiXeD", "mixed"));
    }

    @Test
    void unicodeIsTitlecasedAndDecomposed() {
        // Precomposed and decomposed forms are equal; so are upper and lower case.
        assertEquals(0, compare("Caf\u00e9", "CAFE\u0301"));
        assertEquals(0, compare("\u00c9t\u00e9", "\u00e9T\u00c9"));
        // NFKD: full-width letters compare as their plain forms.
        assertEquals(0, compare("\uff21\uff22", "ab"));
        // The titlecase of the digraph dz is Dz, not DZ; its decomposition is D + z.
        assertEquals("Dz", Casemap.key("\u01f3"));
        assertTrue(compare("\u00e9", "f") < 0, "e-acute decomposes to e + accent, which sorts before f");
    }
}
