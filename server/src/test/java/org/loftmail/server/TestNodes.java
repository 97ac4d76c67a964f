package org.loftmail.server;

import java.nio.file.Path;
import org.loftmail.server.config.LoftConfig;
import org.loftmail.server.config.MailLocation;

/** Nodes over a test directory, with fsync on as in production. */
public final class TestNodes {
    private TestNodes() {
    }

    public static LoftConfig config(Path dir, long rotateSize) {
        return new LoftConfig(new MailLocation(dir.resolve("mail").toString() + "/%u"), rotateSize, true, false);
    }

    public static SingleNode node(Path dir, long rotateSize) {
        return new SingleNode(config(dir, rotateSize));
    }
}
