package org.loftmail.pop3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.LoginPenalty;
import org.loftmail.core.auth.UserIpLimit;
import org.loftmail.pop3.codec.Pop3Frame;
import org.loftmail.pop3.command.Pop3Commands;

/**
 * Dovecot's disable_plaintext_auth on a connection that is neither TLS nor loopback (an
 * EmbeddedChannel's peer is not a loopback address): no USER, no plaintext SASL in CAPA or AUTH,
 * and the password is never looked at; CRAM-MD5 stays. Loopback counts as secure in Loft, so the
 * socket tests cannot show this.
 */
class PlaintextAuthTest {
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private static String next(EmbeddedChannel ch) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            ByteBuf b = ch.readOutbound();
            if (b != null) {
                try {
                    sb.append(b.toString(StandardCharsets.US_ASCII));
                } finally {
                    b.release();
                }
                if (sb.toString().endsWith("\r\n")) {
                    return sb.toString();
                }
                continue;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no output: " + sb);
    }

    @Test
    void plaintextLoginIsRefusedOnAnInsecureRemoteConnection() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Authenticator passwords = r -> {
            asked.incrementAndGet();
            return new AuthResult.Failure("test");
        };
        Pop3Services services = new Pop3Services(null, passwords, null, (u, s) -> new CredentialResult.Failure("x"),
                List.of("plain", "login", "cram-md5"), LoginPenalty.NONE, new UserIpLimit(10), worker, null);
        EmbeddedChannel ch = new EmbeddedChannel();
        Pop3Session s = new Pop3Session(ch, services, Pop3Settings.DEFAULTS, new Pop3Commands(), new MaildropLocks(),
                false);
        s.start();
        assertEquals("+OK Loft ready.\r\n", next(ch));
        s.receive(Pop3Frame.Line.of("CAPA"));
        assertEquals("+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSASL CRAM-MD5\r\n.\r\n",
                next(ch));
        s.receive(Pop3Frame.Line.of("USER alice"));
        assertEquals("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n", next(ch));
        s.receive(Pop3Frame.Line.of("PASS secret"));
        assertEquals("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n", next(ch));
        s.receive(Pop3Frame.Line.of("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        assertEquals("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n", next(ch));
        s.receive(Pop3Frame.Line.of("AUTH"));
        assertEquals("+OK\r\nCRAM-MD5\r\n.\r\n", next(ch));
        s.receive(Pop3Frame.Line.of("STLS"));
        assertEquals("-ERR TLS support isn't enabled.\r\n", next(ch));
        assertEquals(0, asked.get());

        Pop3Session allowed = new Pop3Session(new EmbeddedChannel(), services,
                Pop3Settings.DEFAULTS.withDisablePlaintextAuth(false), new Pop3Commands(), new MaildropLocks(), false);
        assertEquals(List.of(SaslMechanism.PLAIN, SaslMechanism.LOGIN, SaslMechanism.CRAM_MD5), allowed.mechanisms());
        s.closed();
        ch.finishAndReleaseAll();
    }
}
