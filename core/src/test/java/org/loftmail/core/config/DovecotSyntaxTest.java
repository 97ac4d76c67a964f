package org.loftmail.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DovecotSyntaxTest {
    @Test
    void commentsStartAtTheLineOrAfterWhitespaceOutsideQuotes() {
        assertEquals("", DovecotSyntax.withoutComment("# all comment"));
        assertEquals("a = b ", DovecotSyntax.withoutComment("a = b # comment"));
        assertEquals("a = b#c", DovecotSyntax.withoutComment("a = b#c"));
        assertEquals("a = \"x # y\" ", DovecotSyntax.withoutComment("a = \"x # y\" # z"));
        assertEquals("a = 'x # y'", DovecotSyntax.withoutComment("a = 'x # y'"));
        assertEquals("a = \"x \\\" # y\"", DovecotSyntax.withoutComment("a = \"x \\\" # y\""));
    }
}
