package org.loftmail.perf.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result table of a load run: one row per command, and the total of the IMAP commands.
 *
 * @param rows        one per {@link LoadCommand}, in the enum's order
 * @param firstErrors   the first error of each command that had any
 * @param expungeIssued answers {@code NO [EXPUNGEISSUED]}: a message was expunged by another
 *                      client meanwhile; counted, but not as errors
 * @param seconds       wall time the counts were taken over
 * @param imapLatency   every IMAP command's latency in microseconds, all commands together
 */
record LoadReport(List<Row> rows, Map<LoadCommand, String> firstErrors, long expungeIssued, double seconds,
                  org.HdrHistogram.Histogram imapLatency) {
    /**
     * @param count  commands answered (OK, NO or BAD)
     * @param errors NO or BAD answers, plus commands that got no answer
     */
    record Row(LoadCommand command, long count, long errors, double p50, double p99, double p999, double max) { }

    double opsPerSecond(Row r) {
        return r.count() / seconds;
    }

    long totalCount() {
        return rows.stream().filter(r -> r.command().imap()).mapToLong(Row::count).sum();
    }

    long totalErrors() {
        return rows.stream().filter(r -> r.command().imap()).mapToLong(Row::errors).sum();
    }

    private String expungeNote() {
        return expungeIssued + " answers were NO [EXPUNGEISSUED] (a message expunged by another client meanwhile); "
                + "expected with shared mailboxes, not counted as errors.";
    }

    Row row(LoadCommand c) {
        return rows.stream().filter(r -> r.command() == c).findFirst().orElseThrow();
    }

    /** For the console: fixed-width columns. */
    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-13s %9s %7s %9s %9s %9s %9s %9s%n", "command", "count", "errors",
                "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-13s %9d %7d %9.1f %9.2f %9.2f %9.2f %9.2f%n", r.command().label(),
                    r.count(), r.errors(), opsPerSecond(r), r.p50(), r.p99(), r.p999(), r.max()));
        }
        sb.append(String.format(Locale.ROOT, "%-13s %9d %7d %9.1f   (IMAP commands, CONNECT not counted; %.1f s)%n",
                "total", totalCount(), totalErrors(), totalCount() / seconds, seconds));
        firstErrors.forEach((c, e) -> sb.append("first error of ").append(c.label()).append(": ").append(e)
                .append(System.lineSeparator()));
        if (expungeIssued > 0) {
            sb.append(expungeNote()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| command | count | errors | ops/s | p50 ms | p99 ms | p99.9 ms | max ms |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
                    r.command().label(), r.count(), r.errors(), opsPerSecond(r), r.p50(), r.p99(), r.p999(), r.max()));
        }
        sb.append(String.format(Locale.ROOT, "| **total** (IMAP commands) | %d | %d | **%.1f** | | | | |%n",
                totalCount(), totalErrors(), totalCount() / seconds));
        if (!firstErrors.isEmpty()) {
            sb.append('\n');
            firstErrors.forEach((c, e) -> sb.append("- first error of ").append(c.label()).append(": `").append(e)
                    .append("`\n"));
        }
        if (expungeIssued > 0) {
            sb.append('\n').append(expungeNote()).append('\n');
        }
        return sb.toString();
    }
}
