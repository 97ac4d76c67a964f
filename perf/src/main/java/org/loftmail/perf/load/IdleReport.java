package org.loftmail.perf.load;

import java.util.Locale;

/**
 * What IdleLoad measured.
 *
 * @param connections      connections asked for
 * @param users            users they were spread over
 * @param opened           how opening them went
 * @param serverHeap       server heap growth for all idling connections, -1 if not measured
 *                         (external server)
 * @param serverDirect     growth of Netty's direct memory in the server JVM, -1 if not measured
 * @param clientHeap       client heap growth for all connections (measured in the clients' JVM)
 * @param appends          messages appended to trigger the notifications (one per user)
 * @param appendMillis     until every append was durable
 * @param notified         delays from the append request to each connection's {@code * n EXISTS}
 * @param method           how heap and time were measured, for the reader of the report
 */
record IdleReport(int connections, int users, IdleClients.Opened opened, long serverHeap, long serverDirect,
                  long clientHeap, int appends, double appendMillis, IdleClients.Notified notified, String method) {
    String text() {
        int idle = Math.max(1, opened.idling());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "idle: %d of %d connections idling over %d users, opened in %.1f s, "
                + "%d failed%s%n", opened.idling(), connections, users, opened.seconds(), opened.failed(),
                opened.firstFailure() == null ? "" : " (first: " + opened.firstFailure() + ")"));
        if (serverHeap >= 0) {
            sb.append(String.format(Locale.ROOT, "server heap: +%.1f MiB = %,d bytes per idling connection; "
                    + "Netty direct memory %+.1f MiB%n", serverHeap / 1048576.0, serverHeap / idle,
                    serverDirect / 1048576.0));
        } else {
            sb.append("server heap: not measured (external server)\n");
        }
        sb.append(String.format(Locale.ROOT, "client heap: +%.1f MiB = %,d bytes per connection%n",
                clientHeap / 1048576.0, clientHeap / idle));
        sb.append(String.format(Locale.ROOT, "append: %d message(s), one per user, durable after %.1f ms%n",
                appends, appendMillis));
        sb.append(String.format(Locale.ROOT, "EXISTS: %d of %d idling connections notified; p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms; all notified after %s%n", notified.notified(), opened.idling(),
                notified.p50() / 1000.0, notified.p99() / 1000.0, notified.max() / 1000.0,
                notified.all() > 0 ? String.format(Locale.ROOT, "%.2f ms", notified.all() / 1000.0) : "(never)"));
        sb.append("method: ").append(method).append('\n');
        return sb.toString();
    }
}
