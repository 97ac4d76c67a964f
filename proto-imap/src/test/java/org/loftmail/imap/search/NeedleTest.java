package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** KMP matching in chunks, and the case folding it runs on. */
class NeedleTest {
    private static boolean find(String needle, String haystack, int chunk) {
        NeedleSet set = new NeedleSet(List.of(new Needle(CaseFold.fold(needle), false)));
        char[] text = CaseFold.fold(haystack).toCharArray();
        for (int i = 0; i < text.length; i += chunk) {
            set.feed(text, i, Math.min(chunk, text.length - i), false);
        }
        return set.found(0);
    }

    @Test
    void findsAcrossAnyChunking() {
        for (int chunk = 1; chunk < 12; chunk++) {
            assertTrue(find("aab", "aaab", chunk));
            assertTrue(find("abab", "abaabababx", chunk));
            assertTrue(find("ababc", "abababc", chunk));
            assertFalse(find("ababc", "abababd", chunk));
            assertTrue(find("x", "yyyx", chunk));
            assertTrue(find("Grüße", "viele GRÜßE", chunk));
            assertFalse(find("aaa", "aabaab", chunk));
        }
    }

    @Test
    void segmentsDoNotJoin() {
        NeedleSet set = new NeedleSet(List.of(new Needle("abcd", false)));
        set.feed("ab", false);
        set.endSegment();
        set.feed("cd", false);
        assertFalse(set.found(0));
        set.feed("xabcd", false);
        assertTrue(set.found(0));
        assertTrue(set.done());
    }

    @Test
    void headerTextReachesOnlyTextNeedles() {
        NeedleSet set = new NeedleSet(List.of(new Needle("subject", false), new Needle("subject", true)));
        assertTrue(set.wantsHeaders());
        set.feed("subject: hi", true);
        assertFalse(set.found(0));
        assertTrue(set.found(1));
        assertFalse(set.wantsHeaders());
        assertFalse(set.done());
    }

    @Test
    void caseFoldingMapsVariantsTogether() {
        assertEquals("strasse", CaseFold.fold("STRASSE"));
        assertEquals(CaseFold.fold("s"), CaseFold.fold("\u017f"), "long s");
        assertEquals(CaseFold.fold("k"), CaseFold.fold("\u212a"), "Kelvin sign");
        assertEquals(CaseFold.fold("σ"), CaseFold.fold("ς"), "final sigma");
        assertEquals(CaseFold.fold("Σ"), CaseFold.fold("σ"));
        assertEquals("i", CaseFold.fold("\u0130"), "dotted capital I");
        assertEquals("äöü", CaseFold.fold("ÄÖÜ"));
        assertEquals("😀", CaseFold.fold("😀"), "surrogates pass through");
    }
}
