package org.loftmail.imap.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.parse.SearchKey;

/**
 * Searching messages of tens of megabytes streams them: the content cannot be read into an array
 * (it is generated on the fly) and the bytes a search allocates stay far below the message size.
 */
class LargeMessageSearchTest {
    private static final int MB = 1024 * 1024;
    /** Allocation allowed per search: buffers and header strings, nothing proportional to the body. */
    private static final long ALLOCATION_BUDGET = 2 * MB;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** 5700 bytes of ASCII filler: a whole number of 57-byte base64 lines, so copies concatenate cleanly. */
    private static byte[] fillerBase64() {
        byte[] text = new byte[5700];
        byte[] words = ascii("lorem ipsum dolor sit amet, grusse aus dem heuhaufen ");
        for (int i = 0; i < text.length; i++) {
            text[i] = words[i % words.length];
        }
        return ascii(Base64.getMimeEncoder().encodeToString(text) + "\r\n");
    }

    /**
     * multipart/mixed: a 10 MB binary attachment, then a 20 MB base64 UTF-8 text part whose last
     * line holds the needle.
     */
    private static GeneratedContent bigMultipart() {
        byte[] filler = fillerBase64();
        byte[] binaryLine = ascii("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n".repeat(20));
        String needle = Base64.getMimeEncoder().encodeToString(
                " Die NADEL-im-Heuhaufen-ÄÖÜ steckt hier.\r\n".getBytes(StandardCharsets.UTF_8));
        return new GeneratedContent()
                .add(ascii("From: big@example.org\r\nSubject: big one\r\nContent-Type: multipart/mixed; boundary=zz\r\n"
                        + "\r\n--zz\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"), 1)
                .add(binaryLine, 10L * MB / binaryLine.length)
                .add(ascii("--zz\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"), 1)
                .add(filler, 20L * MB / filler.length)
                .add(ascii(needle + "\r\n--zz--\r\n"), 1);
    }

    /** A 20 MB single-line 8-bit body, needle at the very end. */
    private static GeneratedContent bigSingleLine() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        return new GeneratedContent()
                .add(ascii("Subject: one long line\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"), 1)
                .add(chunk, 20L * MB / chunk.length)
                .add("aaab Grüße\r\n".getBytes(StandardCharsets.UTF_8), 1);
    }

    private static boolean body(String value, TestMessage m) {
        return SearchEvaluator.of(new SearchKey.Text(SearchKey.Field.BODY, value), null, 1, 1, 0).matches(m);
    }

    /** Runs the search and checks what it allocated, where the JVM can count it. */
    private static boolean measured(String value, TestMessage m) {
        m.summary();
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return body(value, m);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        // Class loading and first-call set-up allocate too; keep them out of the count.
        body(value, TestMessage.of("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nYQ==\n"));
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        boolean hit = body(value, m);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated + " bytes for a "
                + m.info().virtualSize() / MB + " MB message");
        return hit;
    }

    @Test
    void findsTheNeedleAtTheEndOfA20MegabyteTextPart() {
        TestMessage m = TestMessage.of(bigMultipart());
        assertTrue(m.info().virtualSize() > 29L * MB);
        assertTrue(measured("nadel-im-heuhaufen-äöü", m));
        assertFalse(measured("not in there", m));
    }

    @Test
    void skipsTheBinaryAttachment() {
        TestMessage m = TestMessage.of(bigMultipart());
        assertFalse(body("ABCDEFGHIJ", m));
        assertFalse(body("QUJDREVG", m));
        assertTrue(body("grusse aus dem heuhaufen", m));
    }

    @Test
    void findsTheNeedleAfterA20MegabyteLine() {
        TestMessage m = TestMessage.of(bigSingleLine());
        assertTrue(measured("aaab grüße", m));
        assertFalse(measured("aaac", m));
    }
}
