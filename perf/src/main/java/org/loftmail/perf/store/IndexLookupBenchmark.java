package org.loftmail.perf.store;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MessageInfo;
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
 * LMDB index lookups on a mailbox of {@code messages} messages, warm: one message's record by
 * UID (what FETCH, STORE and RETR start with), its summary (ENVELOPE, BODYSTRUCTURE), its bytes'
 * location and a view of them, 100 consecutive records (a page of a message list), and every
 * record (SELECT of the whole mailbox). The mailbox is built once into
 * {@code loft.perf.index.dir} (default {@code target/index-<messages>}) and reused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class IndexLookupBenchmark {
    private static final UserId USER = new UserId("index");

    @Param("100000")
    public int messages;

    private SingleNode node;
    private UserStore user;
    private MailboxGuid inbox;
    private final SplittableRandom random = new SplittableRandom(1);

    @Setup(Level.Trial)
    public void open() {
        Path dir = Path.of(System.getProperty("loft.perf.index.dir", "target/index-" + messages));
        BenchStores.buildOnce(dir, USER, messages, 2000);
        node = BenchStores.node(dir, true);
        user = node.store().user(USER);
        inbox = user.mailbox(MailboxName.INBOX).orElseThrow().guid();
        if (user.status(inbox).messages() != messages) {
            throw new IllegalStateException("benchmark mailbox has " + user.status(inbox).messages() + " messages");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        node.close();
    }

    private long uid() {
        return 1 + random.nextInt(messages);
    }

    @Benchmark
    public List<MessageInfo> recordByUid() {
        long uid = uid();
        return user.messages(inbox, uid, uid);
    }

    @Benchmark
    public MessageSummary summaryByUid() {
        return user.summary(inbox, uid());
    }

    @Benchmark
    public MessageContent contentByUid() {
        return user.content(inbox, uid());
    }

    @Benchmark
    public List<MessageInfo> page100() {
        long from = 1 + random.nextInt(messages - 100);
        return user.messages(inbox, from, from + 99);
    }

    @Benchmark
    public List<MessageInfo> allRecords() {
        return user.messages(inbox, 1, Long.MAX_VALUE);
    }
}
