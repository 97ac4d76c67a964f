package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeyDirectoryTest {
    private final KeyDirectory dir = new KeyDirectory(Path.of("/etc/loft/oauth2-keys"));

    @Test
    void dovecotsLayout() {
        assertEquals(Path.of("/etc/loft/oauth2-keys/default/RS256/default"), dir.keyFile(null, JwsAlgorithm.RS256, null));
        // The example of Dovecot's documentation.
        assertEquals(Path.of("/etc/loft/oauth2-keys/issuer.net-dovecot/ES256/Zm9vb2Jhcgo"),
                dir.keyFile("issuer.net-dovecot", JwsAlgorithm.ES256, "Zm9vb2Jhcgo"));
        assertEquals(Path.of("/etc/loft/oauth2-keys/a%2fb/HS512/%25%2f.."), dir.keyFile("a/b", JwsAlgorithm.HS512, "%/.."));
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused() {
        for (String bad : new String[] {"", ".", "..", "...", ".x", "../x", "./x", "a\u0000b", "a\nb", "a\\b", "\u007f",
            "\u00e9".repeat(128)}) {
            assertThrows(InvalidTokenException.class, () -> dir.keyFile(null, JwsAlgorithm.HS256, bad), bad);
            assertThrows(InvalidTokenException.class, () -> dir.keyFile(bad, JwsAlgorithm.HS256, null), bad);
        }
        // Dots elsewhere are ordinary characters.
        assertEquals("a..b.", KeyDirectory.component("kid", "a..b."));
    }
}
