package org.loftmail.server.imap;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.LoftTestServer;
import org.loftmail.server.SingleNode;

/**
 * {@link LoftTestServer} as the transcript tests use it: users {@code alice} and {@code bob},
 * both with password {@code pw}, so transcripts read like the RFC examples.
 */
final class ImapTestServer implements AutoCloseable {
    static final String PASSWORD = "pw";

    private final LoftTestServer server;
    final SingleNode node;
    final InetSocketAddress plain;
    final InetSocketAddress imaps;

    ImapTestServer(Path dir) {
        this(dir, "", ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMillis(200)));
    }

    /** {@code extraConfig} is appended to the configuration (e.g. {@code ssl = required}). */
    ImapTestServer(Path dir, String extraConfig, ImapSettings settings) {
        this(dir, extraConfig, settings, "");
    }

    /** With more passwd-file lines after alice and bob. */
    ImapTestServer(Path dir, String extraConfig, ImapSettings settings, String morePasswd) {
        server = LoftTestServer.start(dir, settings, "alice:{PLAIN}" + PASSWORD + "\nbob:{PLAIN}" + PASSWORD + "\n"
                + morePasswd, extraConfig);
        node = server.node();
        plain = server.imap();
        imaps = server.imaps();
    }

    Transcript connect() {
        return Transcript.imaps(imaps);
    }

    /** A connection that has logged in as {@code user}. */
    Transcript login(String user) {
        Transcript t = connect();
        t.expectLine("* OK [CAPABILITY <*>] Loft ready.");
        t.send("L1 LOGIN " + user + " " + PASSWORD);
        t.expectLine("L1 OK [CAPABILITY <*>] Logged in");
        return t;
    }

    /** A connection logged in as {@code user} with INBOX selected (the SELECT's responses read). */
    Transcript loginSelected(String user) {
        Transcript t = login(user);
        t.send("s SELECT INBOX");
        t.readUntil("s OK");
        return t;
    }

    @Override
    public void close() {
        server.close();
    }
}
