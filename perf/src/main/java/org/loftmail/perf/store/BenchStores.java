package org.loftmail.perf.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.MailLocation;

/** Builds the same single-node store `loft run` uses, over a benchmark directory. */
public final class BenchStores {
    private BenchStores() {
    }

    public static SingleNode node(Path dir, boolean fsync) {
        return new SingleNode(new LoftConfig(new MailLocation(dir.resolve("mail") + "/%u"), 64L << 20, fsync, false));
    }

    public static Path tempDir() {
        try {
            Path base = Path.of(System.getProperty("loft.perf.tmp", "target"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixture mailbox reused across runs: {@code user}'s INBOX under {@code dir} filled with
     * {@code count} messages of about {@code size} bytes (fsync off) unless an earlier run left
     * its {@code built} marker there.
     */
    public static void buildOnce(Path dir, UserId user, int count, int size) {
        Path done = dir.resolve("built");
        if (Files.exists(done)) {
            return;
        }
        long start = System.nanoTime();
        try (SingleNode fill = node(dir, false)) {
            fill(fill, user, count, size);
        }
        System.out.printf("built %d messages in %.0f s%n", count, (System.nanoTime() - start) / 1e9);
        try {
            Files.writeString(done, String.valueOf(count));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends {@code count} messages of about {@code size} bytes to {@code user}'s INBOX, many in
     * flight (a fixture: the node should have fsync off); a third of them unseen.
     */
    public static void fill(SingleNode node, UserId user, int count, int size) {
        MailboxGuid box = node.store().user(user).mailbox(MailboxName.INBOX).orElseThrow().guid();
        Deque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            inFlight.add(node.store().appendAsync(user, box, message(i, size),
                    i % 3 == 0 ? Flags.NONE : Flags.of(Flags.SEEN), 1_700_000_000_000L + i * 1000L));
            if (inFlight.size() >= 2048) {
                inFlight.poll().join();
            }
        }
        inFlight.forEach(CompletableFuture::join);
    }

    /** A plausible message of about {@code size} bytes. */
    public static MessageContent message(int n, int size) {
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
