package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabEscapeTest {
    @Test
    void escapesWhatWouldBreakALineAndRoundTrips() {
        String raw = "a\tb\nc\rd\0e\001f";
        String escaped = TabEscape.escape(raw);
        assertEquals("a\001tb\001nc\001rd\0010e\0011f", escaped);
        assertEquals(raw, TabEscape.unescape(escaped));
        assertEquals("plain", TabEscape.escape("plain"));
        assertEquals("xy", TabEscape.unescape("x\001y"));
    }
}
