package org.loftmail.perf.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Plain-text messages of a given size with headers a mail client would show (the APPEND load). */
final class SampleMessage {
    private static final String[] WORDS = {"quarterly", "report", "meeting", "invoice", "draft", "review",
            "schedule", "project", "budget", "notes", "update", "question"};

    private SampleMessage() {
    }

    /** Message {@code n} for {@code to}, about {@code size} bytes (at least the header block). */
    static byte[] of(long n, String to, int size) {
        StringBuilder sb = new StringBuilder(size + 256);
        String word = WORDS[(int) (n % WORDS.length)];
        sb.append("From: Sender ").append(n % 89).append(" <sender").append(n % 89).append("@example.org>\r\n")
                .append("To: <").append(to).append("@example.org>\r\n")
                .append("Subject: ").append(word).append(" #").append(n).append("\r\n")
                .append("Date: ").append(String.format(Locale.ROOT, "Tue, 3 Nov 2026 %02d:%02d:00 +0100",
                        n % 24, n % 60)).append("\r\n")
                .append("Message-ID: <").append(n).append('.').append(to).append("@load.example.org>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        int line = 0;
        while (sb.length() < size) {
            sb.append("Line ").append(line++).append(" about the ").append(word)
                    .append(": the quick brown fox jumps over the lazy dog.\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
