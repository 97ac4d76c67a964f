package org.loftmail.perf.store;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxStatus;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STATUS (messages/unseen/uidnext) of a mailbox with {@code messages} messages, warm, and the
 * time to open a user's store (dbox + LMDB) from closed. The mailbox is built once into
 * {@code loft.perf.status.dir} (default {@code target/status-<messages>}) and reused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class StatusBenchmark {
    private static final UserId USER = new UserId("big");

    @Param("1000000")
    public int messages;

    private SingleNode node;
    private UserStore user;
    private MailboxGuid inbox;

    @Setup(Level.Trial)
    public void open() {
        Path dir = Path.of(System.getProperty("loft.perf.status.dir", "target/status-" + messages));
        BenchStores.buildOnce(dir, USER, messages, 600);
        node = BenchStores.node(dir, true);
        user = node.store().user(USER);
        inbox = user.mailbox(MailboxName.INBOX).orElseThrow().guid();
        MailboxStatus s = user.status(inbox);
        if (s.messages() != messages) {
            throw new IllegalStateException("benchmark mailbox has " + s.messages() + " messages, wanted " + messages);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        node.close();
    }

    @Benchmark
    public MailboxStatus status() {
        return user.status(inbox);
    }

    @Benchmark
    public UserStore openUser() {
        node.store().closeUser(USER);
        return node.store().user(USER);
    }
}
