package org.loftmail.imap.session;

import org.loftmail.core.auth.UserIpLimit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.event.ChangeBus;
import org.loftmail.imap.codec.ImapFrame;
import org.loftmail.imap.command.ImapCommands;

/**
 * Dovecot's disable_plaintext_auth on a connection that is neither TLS nor loopback (an
 * EmbeddedChannel's peer is not a loopback address): no LOGIN, no plaintext SASL, and the
 * password is never even looked at.
 */
class PlaintextLoginTest {
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private String next(EmbeddedChannel ch) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            ByteBuf b = ch.readOutbound();
            if (b != null) {
                try {
                    return b.toString(StandardCharsets.US_ASCII);
                } finally {
                    b.release();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no output");
    }

    @Test
    void plaintextLoginIsRefusedOnAnInsecureRemoteConnection() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ImapServices services = new ImapServices(null, new ChangeBus(), new ImapAuth(r -> {
            asked.incrementAndGet();
            return new AuthResult.Failure("test");
        }, null, null, LoginPenalty.NONE, new UserIpLimit(10)), worker, null, null, new RecentTracker());
        EmbeddedChannel ch = new EmbeddedChannel();
        ImapSession s = new ImapSession(ch, services, ImapSettings.DEFAULTS, new ImapCommands(), false);
        s.start();
        assertEquals("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LOGINDISABLED SASL-IR LITERAL+ IDLE ENABLE ID] Loft ready.\r\n",
                next(ch));
        s.receive(ImapFrame.Command.ofLine("a1 LOGIN alice pw"));
        assertEquals("a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n",
                next(ch));
        s.receive(ImapFrame.Command.ofLine("a2 AUTHENTICATE PLAIN AGFsaWNlAHB3"));
        assertEquals("a2 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n",
                next(ch));
        assertEquals(0, asked.get());

        ImapSession allowed = new ImapSession(new EmbeddedChannel(), services,
                ImapSettings.DEFAULTS.withDisablePlaintextAuth(false), new ImapCommands(), false);
        assertEquals(true, allowed.capabilities().saslMechanisms().contains("PLAIN"));
        s.closed();
        ch.finishAndReleaseAll();
    }
}
