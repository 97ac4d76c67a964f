package org.loftmail.perf.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency per command, recorded from any thread without locks (HdrHistogram {@link Recorder}s
 * in microseconds), and the errors per command: NO or BAD answers and commands that got no
 * answer (timeout, connection closed).
 */
final class CommandStats {
    /** Anything slower is recorded as this (10 minutes): a histogram cannot take larger values. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Map<LoadCommand, Recorder> latency = new EnumMap<>(LoadCommand.class);
    private final Map<LoadCommand, LongAdder> errors = new EnumMap<>(LoadCommand.class);
    /** NO [EXPUNGEISSUED] answers: expected, not errors (see {@link #answered}). */
    private final LongAdder expungeIssued = new LongAdder();
    /** The first error of each command, to tell a broken command from an overloaded one. */
    private final Map<LoadCommand, AtomicReference<String>> firstError = new EnumMap<>(LoadCommand.class);

    CommandStats() {
        for (LoadCommand c : LoadCommand.values()) {
            latency.put(c, new Recorder(MAX_MICROS, 3));
            errors.put(c, new LongAdder());
            firstError.put(c, new AtomicReference<>());
        }
    }

    /**
     * An answered command. {@code NO [EXPUNGEISSUED]} (RFC 5530) is not an error: another client
     * expunged a message this one asked for, which the server could not report during FETCH or
     * STORE; expected whenever clients share a mailbox and some of them EXPUNGE.
     */
    void answered(LoadCommand c, ImapReply reply) {
        latency.get(c).recordValue(Math.min(MAX_MICROS, Math.max(1, reply.nanos() / 1000)));
        if (reply.condition().equals("NO") && reply.text().startsWith("[EXPUNGEISSUED]")) {
            expungeIssued.increment();
        } else if (!reply.ok()) {
            error(c, reply.condition() + " " + reply.text());
        }
    }

    /** A connect that worked (it has no reply). */
    void connected(long nanos) {
        latency.get(LoadCommand.CONNECT).recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
    }

    void unanswered(LoadCommand c, Throwable cause) {
        error(c, "no answer: " + cause);
    }

    private void error(LoadCommand c, String what) {
        errors.get(c).increment();
        firstError.get(c).compareAndSet(null, what);
    }

    /** Forgets what was recorded so far (the end of a warm-up). */
    void reset() {
        for (LoadCommand c : LoadCommand.values()) {
            latency.get(c).getIntervalHistogram();
            errors.get(c).reset();
            firstError.get(c).set(null);
        }
        expungeIssued.reset();
    }

    /** What was recorded since the start or the last reset, over {@code seconds} of wall time. */
    LoadReport report(double seconds) {
        List<LoadReport.Row> rows = new ArrayList<>();
        Map<LoadCommand, String> first = new EnumMap<>(LoadCommand.class);
        Histogram all = new Histogram(MAX_MICROS, 3);
        for (LoadCommand c : LoadCommand.values()) {
            Histogram h = latency.get(c).getIntervalHistogram();
            if (c.imap()) {
                all.add(h);
            }
            rows.add(new LoadReport.Row(c, h.getTotalCount(), errors.get(c).sum(), ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
            String e = firstError.get(c).get();
            if (e != null) {
                first.put(c, e);
            }
        }
        return new LoadReport(rows, first, expungeIssued.sum(), seconds, all);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
