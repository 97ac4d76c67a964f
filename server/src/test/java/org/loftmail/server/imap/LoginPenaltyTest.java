package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.IpLoginPenalty;
import org.loftmail.imap.session.ImapSettings;
import org.loftmail.server.LoftTestServer;

/**
 * Brute force over IMAP: 50 wrong passwords from one address wait longer and longer (doubling,
 * capped), while a correct login from another address is not slowed down. Dovecot's 2 s … 15 s
 * steps are scaled down to 10 ms … 80 ms so the test takes seconds; the arithmetic is the same
 * ({@code IpLoginPenaltyTest} checks the real values).
 */
class LoginPenaltyTest {
    private static final long BASE = 10;
    private static final long MAX = 80;

    @TempDir
    Path dir;

    @Test
    void fiftyWrongPasswordsAreSlowedDownAndAnotherAddressIsNot() throws Exception {
        ImapSettings settings = ImapSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(30),
                Duration.ofMillis(1));
        // No trusted networks in the penalty: loopback counts like any client here.
        IpLoginPenalty penalty = new IpLoginPenalty(List.of(), BASE, MAX, System::currentTimeMillis);
        try (LoftTestServer server = LoftTestServer.start(dir, settings, "alice:{PLAIN}pw\n", "", penalty)) {
            InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.imap().getPort());
            try (Transcript attacker = Transcript.plain(v4)) {
                attacker.expectLine("* OK <*>");
                for (int i = 1; i <= 50; i++) {
                    long start = System.nanoTime();
                    attacker.send("a" + i + " LOGIN alice guess" + i);
                    attacker.expectLine("a" + i + " NO [AUTHENTICATIONFAILED] Authentication failed.");
                    long tookMs = (System.nanoTime() - start) / 1_000_000;
                    long penaltyMs = i == 1 ? 0 : Math.min(BASE << (i - 2), MAX);
                    assertTrue(tookMs >= penaltyMs, "attempt " + i + " answered after " + tookMs
                            + " ms, before its penalty of " + penaltyMs + " ms");
                }
            }
            // Another client address (127.0.0.2 is loopback too) with the right password: no penalty.
            assertTrue(loginMillis(InetAddress.getByName("127.0.0.2"), v4, "pw") < 1000,
                    "a login from another address must not wait");
            // The attacker's address still waits the full penalty even with the right password.
            assertTrue(loginMillis(InetAddress.getByName("127.0.0.1"), v4, "pw") >= MAX,
                    "the penalised address must wait before its next attempt");
        }
    }

    private static long loginMillis(InetAddress from, InetSocketAddress address, String password) {
        try (Transcript t = Transcript.plainFrom(from, address)) {
            t.expectLine("* OK <*>");
            long start = System.nanoTime();
            t.send("b1 LOGIN alice " + password);
            t.expectLine("b1 OK <*>");
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
