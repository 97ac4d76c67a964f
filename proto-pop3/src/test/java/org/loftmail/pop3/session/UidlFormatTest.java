package org.loftmail.pop3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.loftmail.core.model.MessageGuid;

class UidlFormatTest {
    private static final MessageGuid GUID = MessageGuid.parse("0123456789abcdef0123456789abcdef");

    private static String x(String format, long uid, long validity) {
        return UidlFormat.compile(format).expand(uid, validity, GUID);
    }

    @Test
    void dovecotsDefaultIsUidThenUidvalidityInEightLowerCaseHexDigits() {
        // Dovecot's X modifier is printf's %llx: lower case.
        assertEquals("0000001a5f3c2b1e", x(UidlFormat.DOVECOT_DEFAULT, 26, 1_597_778_718L));
        assertEquals("ffffffffffffffff", x("%08Xu%08Xv", 0xffffffffL, 0xffffffffL));
    }

    @Test
    void variablesModifiersAndLiterals() {
        assertEquals("26-1597778718", x("%u-%v", 26, 1_597_778_718L));
        assertEquals("0123456789abcdef0123456789abcdef", x("%g", 1, 1));
        assertEquals("0123456789ABCDEF0123456789ABCDEF", x("%Ug", 1, 1));
        assertEquals("0000001A", x("%08XUu", 26, 1), "X then U: upper-case hex");
        assertEquals("0000001a", x("%08UXu", 26, 1), "modifiers apply in order");
        assertEquals("01234567", x("%8g", 1, 1), "a width without 0 truncates, as in Dovecot");
        assertEquals("uid=7 100%", x("uid=%{uid} 100%%", 7, 1));
        assertEquals("7.3", x("%{uid}.%{uidvalidity}", 7, 3));
    }

    @Test
    void whatLoftCannotExpandIsRefusedWithTheReason() {
        IllegalArgumentException md5 = assertThrows(IllegalArgumentException.class, () -> UidlFormat.compile("%m"));
        assertTrue(md5.getMessage().contains("mbox"), md5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UidlFormat.compile("%f"));
        assertThrows(IllegalArgumentException.class, () -> UidlFormat.compile("%q"));
        assertThrows(IllegalArgumentException.class, () -> UidlFormat.compile("fixed"));
        assertThrows(IllegalArgumentException.class, () -> UidlFormat.compile("%08X"));
        assertThrows(IllegalArgumentException.class, () -> Pop3Settings.DEFAULTS.withUidlFormat("%m"),
                "the settings refuse it when loft.conf is read, not at the first UIDL");
    }
}
