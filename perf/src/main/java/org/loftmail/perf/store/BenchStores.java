package org.loftmail.perf.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.loftmail.core.model.MessageContent;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.MailLocation;

/** Builds the same single-node store `loft run` uses, over a benchmark directory. */
final class BenchStores {
    private BenchStores() {
    }

    static SingleNode node(Path dir, boolean fsync) {
        return new SingleNode(new LoftConfig(new MailLocation(dir.resolve("mail") + "/%u"), 64L << 20, fsync, false));
    }

    static Path tempDir() {
        try {
            Path base = Path.of(System.getProperty("loft.perf.tmp", "target"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plausible message of about {@code size} bytes. */
    static MessageContent message(int n, int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("From: Sender ").append(n % 97).append(" <s").append(n % 97).append("@example.org>\r\n")
                .append("To: user@example.org\r\nSubject: Re: benchmark message ").append(n).append("\r\n")
                .append("Date: Mon, 2 Nov 2026 10:").append(String.format("%02d", n % 60)).append(":00 +0100\r\n")
                .append("Message-ID: <").append(n).append("@bench.example.org>\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (sb.length() < size) {
            sb.append("The quick brown fox jumps over the lazy dog. ").append(n).append("\r\n");
        }
        return MessageContent.of(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
