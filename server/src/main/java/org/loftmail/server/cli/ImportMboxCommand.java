package org.loftmail.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import org.loftmail.server.mbox.MboxMessage;
import org.loftmail.server.mbox.MboxReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loft admin import-mbox}: saves every message of an mbox file into one mailbox, in file
 * order. Up to {@value #IN_FLIGHT} saves are in flight at once so they share fsyncs and commits.
 */
@Command(name = "import-mbox", mixinStandardHelpOptions = true, description = "Import an mbox file into a mailbox.")
final class ImportMboxCommand implements Runnable {
    private static final int IN_FLIGHT = 256;
    private static final long IN_FLIGHT_BYTES = 64L << 20;

    @Mixin
    UserOptions opts;

    @Option(names = {"-m", "--mailbox"}, defaultValue = "INBOX", paramLabel = "MAILBOX",
            description = "target mailbox, created if missing (default INBOX)")
    String mailbox;

    @Parameters(paramLabel = "FILE", description = "the mbox file")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("cannot read " + file + ": no such file");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (SingleNode node = opts.node(); InputStream in = Files.newInputStream(file);
             MboxReader reader = new MboxReader(in)) {
            UserId user = opts.userId();
            UserStore store = node.store().user(user);
            MailboxName name;
            try {
                name = MailboxName.of(mailbox);
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad mailbox name '" + mailbox + "': " + e.getMessage());
            }
            MailboxInfo box = store.mailbox(name).orElseGet(() -> store.create(name, java.util.Set.of()));
            Deque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
            Deque<MboxMessage> pending = new ArrayDeque<>();
            long bytesInFlight = 0;
            long count = 0;
            long bytes = 0;
            long started = System.nanoTime();
            long lastReport = started;
            MboxMessage m;
            while ((m = reader.next()) != null) {
                long size = m.content().size();
                if (size == 0) {
                    m.discard();
                    continue;
                }
                inFlight.add(node.store().appendAsync(user, box.guid(), m.content(), m.flags(), m.internalDate()));
                pending.add(m);
                bytesInFlight += size;
                count++;
                bytes += size;
                while (inFlight.size() >= IN_FLIGHT || bytesInFlight > IN_FLIGHT_BYTES) {
                    await(inFlight.poll());
                    MboxMessage done = pending.poll();
                    bytesInFlight -= done.content().size();
                    done.discard();
                }
                long now = System.nanoTime();
                if (now - lastReport > 2_000_000_000L) {
                    lastReport = now;
                    err.printf("import-mbox: %d messages (%.1f MB) so far, %.0f msg/s%n", count, bytes / 1e6,
                            count / ((now - started) / 1e9));
                    err.flush();
                }
            }
            while (!inFlight.isEmpty()) {
                await(inFlight.poll());
                pending.poll().discard();
            }
            double secs = (System.nanoTime() - started) / 1e9;
            spec.commandLine().getOut().printf("imported %d messages (%.1f MB) into %s in %.1f s (%.0f msg/s)%n",
                    count, bytes / 1e6, name, secs, count / Math.max(secs, 1e-9));
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot import " + file + ": " + e.getMessage());
        }
    }

    private static void await(CompletableFuture<AppendResult> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
