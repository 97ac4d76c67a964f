package org.loftmail.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxNameTest {
    @Test
    void inboxIsCaseInsensitiveAndNormalised() {
        assertEquals("INBOX", MailboxName.of("inbox").value());
        assertEquals("INBOX/Sub", MailboxName.of("InBoX/Sub").value());
        assertEquals("Inboxes", MailboxName.of("Inboxes").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/etc/passwd", "a//b", "a/", "..", "a/../b", "./a", "a\\b", "a*", "%",
        "tab\there", "nul\u0000"})
    void rejectsNamesThatCouldEscapeOrConfuse(String bad) {
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of(bad));
    }

    @Test
    void keepsUnicode() {
        assertEquals("Entwürfe/日本", MailboxName.of("Entwürfe/日本").value());
    }

    @Test
    void lineageAndReparent() {
        MailboxName n = MailboxName.of("a/b/c");
        assertEquals(List.of(MailboxName.of("a"), MailboxName.of("a/b"), n), n.lineage());
        assertTrue(MailboxName.of("a").isAncestorOf(n));
        assertEquals(MailboxName.of("x/b/c"), n.reparent(MailboxName.of("a"), MailboxName.of("x")));
    }

    @Test
    void userIdRejectsPathTricks() {
        assertThrows(IllegalArgumentException.class, () -> new UserId("../root"));
        assertThrows(IllegalArgumentException.class, () -> new UserId("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new UserId("a%d"));
        assertEquals("bob", new UserId("bob@example.com").localPart());
        assertEquals("example.com", new UserId("bob@example.com").domain());
    }

    @Test
    void flagsRoundTripNames() {
        Flags f = Flags.of(Flags.SEEN | Flags.DELETED, "$Junk", "work");
        assertEquals("(\\Seen \\Deleted $Junk work)", f.toString());
        assertEquals(Flags.of(Flags.SEEN, "work"), f.minus(Flags.of(Flags.DELETED, "$JUNK")));
    }
}
