package org.loftmail.perf.proto;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.parse.ImapParser;
import org.loftmail.imap.parse.ParseResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IMAP command parsing: a decoded command line (what the frame decoder hands the session) to its
 * sealed command record, for the commands clients send most. No I/O, no literals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImapParseBenchmark {
    @Param({"fetch", "uidSearch", "store", "select", "uidFetchHeaders"})
    public String command;

    private ImapFrame.Command frame;

    @Setup
    public void setUp() {
        String line = switch (command) {
            case "fetch" -> "a1 FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)";
            case "uidSearch" -> "a2 UID SEARCH UNSEEN SINCE 1-Nov-2026 FROM \"alice@example.com\" NOT DELETED";
            case "store" -> "a3 UID STORE 1000:2000 +FLAGS.SILENT (\\Seen \\Flagged)";
            case "select" -> "a4 SELECT \"INBOX/Lists/loft-dev\" (CONDSTORE)";
            default -> "a5 UID FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID "
                    + "REFERENCES IN-REPLY-TO CONTENT-TYPE)])";
        };
        frame = new ImapFrame.Command(List.of(line), List.of());
    }

    @Benchmark
    public ParseResult parse() {
        return ImapParser.parse(frame);
    }
}
