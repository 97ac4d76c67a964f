package org.loftmail.server;

import java.nio.file.Path;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.config.LoftConfig;

/**
 * Child process of {@link LmtpCrashTest}: a node serving LMTP from the given {@code loft.conf}
 * until it is killed. Prints {@code READY} once it listens.
 */
public final class LmtpCrashWorker {
    private LmtpCrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        SingleNode node = new SingleNode(LoftConfig.load(Path.of(args[0]), s -> { }));
        node.start(ImapSettings.DEFAULTS);
        System.out.println("READY " + node.lmtpAddresses().get(0).getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
