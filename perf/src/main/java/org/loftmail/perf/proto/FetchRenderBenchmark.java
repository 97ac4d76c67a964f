package org.loftmail.perf.proto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.command.StoredMessage;
import org.loftmail.imap.fetch.FetchRenderer;
import org.loftmail.imap.fetch.ResponseSink;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.ImapParser;
import org.loftmail.imap.wire.ImapResponseWriter;
import org.loftmail.perf.store.BenchStores;
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
 * FETCH rendering: one message's {@code * n FETCH (...)} response, from the store (index
 * record, summary or bytes, warm) into a buffer, for the item lists clients send most. Each
 * operation takes the next of {@code messages} stored messages, as a {@code FETCH 1:*} would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED"})
public class FetchRenderBenchmark {
    private static final UserId USER = new UserId("fetch");

    /** flags: a sync's FLAGS UID; envelope: a message list; headers: Thunderbird's header fetch; body: BODY.PEEK[] */
    @Param({"flags", "envelope", "headers", "bodystructure", "body"})
    public String items;

    @Param("2000")
    public int messages;

    private Path dir;
    private SingleNode node;
    private UserStore user;
    private MailboxGuid inbox;
    private List<MessageInfo> infos;
    private List<FetchAttribute> attributes;
    private final BufferSink sink = new BufferSink();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        dir = BenchStores.tempDir();
        node = BenchStores.node(dir, false);
        BenchStores.fill(node, USER, messages, 4000);
        user = node.store().user(USER);
        inbox = user.mailbox(MailboxName.INBOX).orElseThrow().guid();
        infos = user.messages(inbox, 1, Long.MAX_VALUE);
        String list = switch (items) {
            case "flags" -> "(UID FLAGS)";
            case "envelope" -> "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)";
            case "headers" -> "(UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO CC BCC SUBJECT DATE "
                    + "MESSAGE-ID PRIORITY X-PRIORITY REFERENCES NEWSGROUPS IN-REPLY-TO CONTENT-TYPE REPLY-TO)])";
            case "bodystructure" -> "(UID BODYSTRUCTURE)";
            default -> "(UID BODY.PEEK[])";
        };
        ImapCommand.Fetch fetch = (ImapCommand.Fetch) ImapParser.parse(
                new ImapFrame.Command(List.of("a UID FETCH 1:* " + list), List.of()));
        attributes = fetch.attributes();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        node.close();
        BenchStores.delete(dir);
        sink.out.release();
    }

    @Benchmark
    public int render() {
        int i = next++ % infos.size();
        sink.out.clear();
        FetchRenderer.render(sink, new StoredMessage(user, inbox, i + 1, infos.get(i), false), attributes,
                ZoneOffset.UTC);
        return sink.out.readableBytes();
    }

    /** Everything into one reused heap buffer. */
    private static final class BufferSink implements ResponseSink {
        final ByteBuf out = Unpooled.buffer(64 * 1024);
        private final ImapResponseWriter writer = new ImapResponseWriter(out);
        private final byte[] copy = new byte[16 * 1024];

        @Override
        public ImapResponseWriter writer() {
            return writer;
        }

        @Override
        public void stream(InputStream in, long length) {
            try (in) {
                for (long left = length; left > 0; ) {
                    int n = in.read(copy, 0, (int) Math.min(copy.length, left));
                    if (n < 0) {
                        throw new IOException("ended early");
                    }
                    out.writeBytes(copy, 0, n);
                    left -= n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
