package org.loftmail.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailPathTest {
    @Test
    void addressesParametersAndTheNullPath() throws Exception {
        MailPath p = MailPath.parse("<alice+lists@example.com> SIZE=1000 body=8bitmime");
        assertEquals("alice+lists@example.com", p.address());
        assertEquals("alice+lists", p.localPart());
        assertEquals("example.com", p.domain());
        assertEquals(Map.of("SIZE", "1000", "BODY", "8bitmime"), p.params());
        assertEquals("", MailPath.parse("<>").address());
        assertEquals("bob@example.com", MailPath.parse(" <@relay.example,@b.example:bob@example.com>").address(),
                "a source route is dropped, a space before < allowed");
        MailPath quoted = MailPath.parse("<\"john smith\\\"@x\"@example.com>");
        assertEquals("john smith\"@x@example.com", quoted.address());
        assertEquals("example.com", quoted.domain());
        assertEquals("postmaster", MailPath.parse("<postmaster>").address());
    }

    @Test
    void brokenPathsAreRefused() {
        for (String bad : new String[] {"alice@example.com", "<alice@example.com", "<a b@example.com>",
            "<@example.com>", "<alice@>", "<alice@example.com>x", "<\"open@example.com>", "<a@b> =x"}) {
            assertThrows(MailPath.SyntaxException.class, () -> MailPath.parse(bad), bad);
        }
    }
}
