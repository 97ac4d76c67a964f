package org.loftmail.perf.store;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends (fsync on) of a 4 KB message. Run with {@code -t 1}, {@code -t 8} and
 * {@code -t 64}: {@code oneUser} has every thread append to the same user (group commit shares
 * the fsync and the index commit), {@code ownUser} gives each thread its own user.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
public class AppendBenchmark {
    static final MessageContent MESSAGE = BenchStores.message(1, 4096);

    @State(Scope.Benchmark)
    public static class Node {
        Path dir;
        SingleNode node;
        UserStore shared;
        MailboxGuid sharedInbox;
        final AtomicInteger users = new AtomicInteger();

        @Setup(Level.Trial)
        public void open() {
            dir = BenchStores.tempDir();
            node = BenchStores.node(dir, true);
            shared = node.store().user(new UserId("shared"));
            sharedInbox = shared.mailbox(MailboxName.INBOX).orElseThrow().guid();
        }

        @TearDown(Level.Trial)
        public void close() {
            node.close();
            BenchStores.delete(dir);
        }
    }

    @State(Scope.Thread)
    public static class OwnUser {
        UserStore user;
        MailboxGuid inbox;

        @Setup(Level.Trial)
        public void open(Node node) {
            user = node.node.store().user(new UserId("user" + node.users.incrementAndGet()));
            inbox = user.mailbox(MailboxName.INBOX).orElseThrow().guid();
        }
    }

    @Benchmark
    public AppendResult oneUser(Node node) {
        return node.shared.append(node.sharedInbox, MESSAGE, Flags.NONE, 0);
    }

    @Benchmark
    public AppendResult ownUser(OwnUser own) {
        return own.user.append(own.inbox, MESSAGE, Flags.NONE, 0);
    }
}
