package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;

/** The message is opened only for keys that need it, and then as little as possible. */
class LazinessTest {
    private static final String TEXT = "From: a@example.org\r\nSubject: hello there\r\n\r\nbody text\r\n";

    private static boolean hit(String keys, TestMessage m) {
        return SearchEvaluator.of(Keys.parse(keys), null, 10, 100, 0).matches(m);
    }

    @Test
    void cheapKeysRunBeforeBodyKeysWhateverTheClientOrder() {
        TestMessage seen = TestMessage.of(TEXT).flags(Flags.SEEN).sealed();
        assertFalse(hit("BODY hello UNSEEN", seen));
        assertFalse(hit("TEXT hello SUBJECT hello UID 7", seen));
        assertFalse(hit("SENTON 1-Jan-2024 FROM a NOT SEEN", seen));
        assertTrue(hit("OR BODY hello SEEN", seen));
        assertTrue(hit("OR (FROM x BODY y) LARGER 1", seen));
        assertFalse(hit("NOT (OR BODY x SEEN)", seen));
    }

    @Test
    void headerKeysReadOnlyTheHeader() {
        TestMessage m = TestMessage.of(TEXT);
        assertTrue(hit("SUBJECT HELLO", m));
        assertEquals(0, m.summaryCalls);
        assertEquals(1, m.contentCalls);
    }

    @Test
    void headerIsReadOncePerMessage() {
        CountingContent content = new CountingContent(MessageContent.of(TEXT.getBytes(StandardCharsets.US_ASCII)));
        TestMessage m = TestMessage.of(content);
        assertTrue(hit("SUBJECT hello FROM example HEADER subject there", m));
        assertEquals(1, content.opened);
    }

    @Test
    void allBodyStringsShareOnePass() {
        CountingContent content = new CountingContent(MessageContent.of(TEXT.getBytes(StandardCharsets.US_ASCII)));
        TestMessage m = TestMessage.of(content);
        m.summary();
        content.opened = 0;
        assertTrue(hit("OR BODY nope (BODY body TEXT hello NOT TEXT missing) BODY text", m));
        assertEquals(1, content.opened);
    }

    @Test
    void bodyPassAlsoServesLaterHeaderKeys() {
        CountingContent content = new CountingContent(MessageContent.of(TEXT.getBytes(StandardCharsets.US_ASCII)));
        TestMessage m = TestMessage.of(content);
        m.summary();
        content.opened = 0;
        // Both ORs cost a body pass, so they run in client order: the body is read first.
        assertTrue(hit("(OR BODY text SEEN) (OR SUBJECT hello BODY nothing)", m));
        assertEquals(1, content.opened, "the header came with the body pass");
    }

    @Test
    void emptyBodyStringNeedsNoContent() {
        assertTrue(hit("BODY \"\" TEXT \"\"", TestMessage.of(TEXT).sealed()));
    }
}
