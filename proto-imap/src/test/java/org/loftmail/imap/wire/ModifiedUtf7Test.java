package org.loftmail.imap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        "Entwürfe|Entw&APw-rfe",
        "INBOX|INBOX",
        "A&B|A&-B",
        "&|&-",
        "&&|&-&-",
        "Ünïcödé & more|&ANw-n&AO8-c&APY-d&AOk- &- more",
        "tab\there|tab&AAk-here",
        "😀|&2D3eAA-",
        "a😀b|a&2D3eAA-b",
    })
    void encodesAndDecodesKnownNames(String unicode, String wire) {
        assertEquals(wire, ModifiedUtf7.encode(unicode));
        assertEquals(unicode, ModifiedUtf7.decode(wire));
    }

    @Test
    void emptyNameIsEmpty() {
        assertEquals("", ModifiedUtf7.encode(""));
        assertEquals("", ModifiedUtf7.decode(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&U,BTFw",          // unterminated shift
        "&",                // lone shift at end
        "a&",               // lone shift after text
        "&U/BTFw-",         // '/' is standard base64, not modified
        "&U+BTF=-",         // padding is not allowed
        "&AGE-",            // encodes printable ASCII 'a'
        "&ACY-",            // encodes '&', which must be "&-"
        "&ACA-",            // encodes space
        "&APw-&APw-",       // null shift: two adjacent runs
        "&APx-",            // non-zero padding bits
        "&AP-",             // 12 bits: a partial UTF-16 unit
        "&A-",              // 6 bits: no UTF-16 unit at all
        "&AA-",             // 12 bits: partial unit
        "&APwA-",           // 24 bits: 8 leftover bits
        "&2D0-",            // lone high surrogate
        "&3gA-",            // lone low surrogate
        "&2D3YPQ-",         // high surrogate followed by another high
        "&2D0-&3gA-",       // surrogate pair split across runs (also a null shift)
        "Entw\u00fcrfe",    // raw 8-bit character
        "tab\there",        // raw control character
        "del\u007f",        // raw DEL
        "&U,B TFw-",        // space inside a base64 run
        "&U,B&TFw-",        // '&' inside a base64 run
    })
    void rejectsMalformed(String wire) {
        assertThrows(InvalidUtf7Exception.class, () -> ModifiedUtf7.decode(wire));
    }

    @Test
    void errorSaysWhereAndWhy() {
        InvalidUtf7Exception e = assertThrows(InvalidUtf7Exception.class, () -> ModifiedUtf7.decode("abc&U,BTFw"));
        assertEquals(3, e.offset());
        assertEquals("'&' shift is not terminated by '-' at offset 3", e.getMessage());
    }

    @Test
    void encodeRejectsUnpairedSurrogates() {
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.encode("a\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.encode("\ude00b"));
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.encode("\ud83d\ud83d\ude00"));
    }

    @Test
    void randomRoundTrips() {
        Random random = new Random(20240917);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                int kind = random.nextInt(5);
                int cp = switch (kind) {
                    case 0 -> 0x20 + random.nextInt(0x5f);          // printable ASCII incl. '&'
                    case 1 -> random.nextInt(0x20);                  // controls
                    case 2 -> 0x80 + random.nextInt(0x780);          // Latin, Greek, Cyrillic…
                    case 3 -> 0x10000 + random.nextInt(0x100000);    // astral: surrogate pairs
                    default -> {
                        int c = 0x800 + random.nextInt(0xF800);      // BMP, minus surrogates
                        yield Character.isSurrogate((char) c) ? 0x4E2D : c;
                    }
                };
                sb.appendCodePoint(cp);
            }
            String unicode = sb.toString();
            String wire = ModifiedUtf7.encode(unicode);
            assertEquals(unicode, ModifiedUtf7.decode(wire), () -> "round trip of " + wire);
            assertEquals(wire, ModifiedUtf7.encode(ModifiedUtf7.decode(wire)));
        }
    }
}
