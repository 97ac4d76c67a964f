package org.loftmail.server.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.core.model.UserId;
import org.loftmail.server.DemoUser;
import org.loftmail.server.SingleNode;
import org.loftmail.server.config.LoftConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code loft run}: starts a node and runs until stopped (SIGTERM / Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a Loft node.")
final class RunCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public void run() {
        LoftConfig cfg = config.load();
        SingleNode node = new SingleNode(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            node.close();
            stopped.countDown();
        }, "loft-shutdown"));
        if (cfg.embedded()) {
            UserId demo = DemoUser.ensure(node.store());
            String password = DemoUser.ensurePasswd(Path.of("var/passwd"));
            LOG.info("embedded default: mail under {}; demo user '{}'", node.store().userDir(demo).toAbsolutePath(),
                    demo);
            if (password != null) {
                // Printed once: only the hash is stored (var/passwd).
                System.out.println("Demo user: " + demo.name() + "  password: " + password
                        + "  (stored hashed in var/passwd; shown only on first start)");
            }
        }
        List<InetSocketAddress> addresses = node.start(ImapSettings.DEFAULTS.withTimeouts(ImapSettings.DEFAULTS.loginTimeout(),
                ImapSettings.DEFAULTS.idleTimeout(), cfg.services().auth().failureDelay()));
        LOG.info("Loft is running: IMAP on {}. Stop with Ctrl-C.", addresses);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
