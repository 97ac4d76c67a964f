package org.loftmail.perf.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * The clients' side of {@code IdleLoad --start-server}, run in a child JVM. It talks to the
 * parent (the server's JVM) in lines over stdin/stdout; stderr is the parent's:
 * <pre>
 *   child:  IDLING idling failed seconds clientHeapBytes [first failure]
 *   parent: GO        (the server's heap is measured)
 *   child:  ARMED     (the clock starts)
 *   parent: APPENDED  (one message per user is durable)
 *   child:  NOTIFIED notified p50 p99 max all   (microseconds)
 * </pre>
 */
final class IdleChild {
    static final String IDLING = "IDLING";
    static final String GO = "GO";
    static final String ARMED = "ARMED";
    static final String APPENDED = "APPENDED";
    static final String NOTIFIED = "NOTIFIED";

    /** The IDLING line. */
    record Idling(IdleClients.Opened opened, long clientHeap) {
        static Idling parse(String[] f) {
            String first = f.length > 5 ? String.join(" ", java.util.Arrays.copyOfRange(f, 5, f.length)) : null;
            return new Idling(new IdleClients.Opened(Integer.parseInt(f[1]), Integer.parseInt(f[2]), first,
                    Double.parseDouble(f[3])), Long.parseLong(f[4]));
        }
    }

    private IdleChild() {
    }

    static int run(IdleLoad options, BufferedReader in, PrintStream out) throws IOException, InterruptedException {
        JvmProbe.enoughFiles(options.connections + 200L, "clients", System.err);
        InetSocketAddress address = new InetSocketAddress(options.target.host, options.target.port);
        try (ImapClientGroup group = options.target.clientGroup(false);
             IdleClients clients = new IdleClients(group, address, options.target.users(options.users), options.connections)) {
            long heap0 = JvmProbe.heapUsedAfterGc();
            IdleClients.Opened opened = clients.open(options.openParallel);
            long heap1 = JvmProbe.heapUsedAfterGc();
            out.println(String.join(" ", IDLING, Integer.toString(opened.idling()), Integer.toString(opened.failed()),
                    Double.toString(opened.seconds()), Long.toString(heap1 - heap0),
                    opened.firstFailure() == null ? "" : opened.firstFailure().replace('\n', ' ')).trim());
            out.flush();
            expect(in, GO, System.err);
            clients.arm();
            out.println(ARMED);
            out.flush();
            expect(in, APPENDED, System.err);
            IdleClients.Notified n = clients.await(options.notifyTimeout);
            out.println(String.join(" ", NOTIFIED, Integer.toString(n.notified()), Long.toString(n.p50()),
                    Long.toString(n.p99()), Long.toString(n.max()), Long.toString(n.all())));
            out.flush();
        }
        return 0;
    }

    static IdleClients.Notified notified(String[] f) {
        return new IdleClients.Notified(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]));
    }

    /** Reads lines until one starts with {@code keyword}; others are passed on to {@code log}. */
    static String[] expect(BufferedReader in, String keyword, PrintStream log) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.trim().split(" ");
            if (f[0].equals(keyword)) {
                return f;
            }
            log.println("  | " + line);
        }
        throw new IOException("the other side ended before sending " + keyword);
    }
}
