package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ExternalToolTest {
    @Test
    void aMissingToolFailsTheTestAndNamesItsPackage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.run("loft-no-such-hasher", "x"));
        assertTrue(e.getMessage().startsWith("loft-no-such-hasher is not installed"), e.getMessage());
    }
}
