package org.loftmail.perf.load;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options both load tools share: which server, which users, and how clients connect. */
final class TargetOptions {
    @Option(names = "--host", description = "server address (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "IMAP port; with --tls an IMAPS port (not needed with --start-server)")
    int port = 143;
    @Option(names = "--tls", description = "implicit TLS (IMAPS); any certificate is accepted")
    boolean tls;
    @Option(names = "--start-server", description = "run a Loft node in this JVM, in a temporary directory, fsync on")
    boolean startServer;
    @Option(names = "--dir", description = "with --start-server: where the temporary directory goes (default: the system's)")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    @Option(names = "--user-prefix", description = "users are <prefix>1..<prefix>N (default: ${DEFAULT-VALUE})")
    String userPrefix = "loaduser";
    @Option(names = "--password", description = "every user's password (default: ${DEFAULT-VALUE})")
    String password = "loadpass";
    @Option(names = "--threads", description = "client event loop threads (default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--timeout", converter = DurationOption.class, description = "per command (default: 60s)")
    Duration timeout = Duration.ofSeconds(60);

    LoadUsers users(int count) {
        return new LoadUsers(userPrefix, count, password);
    }

    ImapClientGroup clientGroup(boolean literalPlus) {
        return new ImapClientGroup(threads, tls, literalPlus, timeout.toMillis());
    }
}
