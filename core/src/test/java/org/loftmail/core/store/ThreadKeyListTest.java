package org.loftmail.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loftmail.core.mime.ThreadKeys;

/** Message-IDs and subjects become numbers that THREAD can compare; extending keeps them. */
class ThreadKeyListTest {
    private static ThreadKeys keys(String id, String subject, boolean reply, String... refs) {
        return new ThreadKeys(id, "", List.of(refs), subject, reply);
    }

    @Test
    void equalIdsAndSubjectsShareNumbersAndEmptyIsMinusOne() {
        ThreadKeyList l = ThreadKeyList.of(new long[] {1, 2, 3}, new ThreadKeys[] {
                keys("a@x", "budget", false),
                keys("b@x", "budget", true, "a@x"),
                keys("", "", false, "a@x", "b@x")}, 3);
        assertEquals(3, l.size());
        assertEquals(-1, l.messageId(2));
        assertEquals(-1, l.subject(2));
        assertEquals(l.subject(0), l.subject(1));
        assertTrue(l.reply(1));
        assertFalse(l.reply(0));
        assertEquals(l.messageId(0), l.ref(l.refStart(1)));
        assertEquals(2, l.refStart(3) - l.refStart(2));
        assertEquals(l.messageId(1), l.ref(l.refStart(2) + 1));
        assertEquals(2, l.ids());
        assertEquals(1, l.subjects());
    }

    @Test
    void extendingNumbersNewIdsOnAndKeepsTheOldOnes() {
        ThreadKeyList base = ThreadKeyList.of(new long[] {1, 2}, new ThreadKeys[] {
                keys("a@x", "one", false), keys("b@x", "two", false, "a@x")}, 2);
        ThreadKeyList more = base.extend(new long[] {7}, new ThreadKeys[] {keys("c@x", "one", true, "b@x", "z@x")}, 1);
        assertArrayEquals(new long[] {1, 2, 7}, more.uids());
        assertEquals(base.messageId(1), more.ref(more.refStart(2)), "b@x keeps its number");
        assertEquals(base.subject(0), more.subject(2));
        int z = more.ref(more.refStart(2) + 1);
        assertNotEquals(more.messageId(0), z);
        assertTrue(z < more.ids() && more.messageId(2) < more.ids());
        assertEquals(2, base.size(), "the list extended from is unchanged");
        assertEquals(2, base.ids());
    }
}
