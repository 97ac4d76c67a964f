package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.auth.PasswdFile;
import org.loftmail.auth.PasswdFileAuthenticator;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.socket.AuthSocketOptions;
import org.loftmail.auth.socket.AuthSocketServer;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;

/**
 * SMTP AUTH through a real Postfix ({@code smtpd_sasl_type = dovecot}) against Loft's auth
 * socket: swaks logs in with PLAIN and LOGIN, Postfix asks Loft, and the answer comes back as
 * 235 or 535. The socket is given to postfix:postfix with mode 0660, as the usual
 * {@code unix_listener /var/spool/postfix/private/auth} is.
 */
final class PostfixSaslTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-Secret-1";

    @TempDir
    Path dir;
    private AuthSocketServer auth;
    private PostfixInstance postfix;
    private final List<AuthRequest> checked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        PostfixInstance.requireInstalled();
        // smtpd runs as postfix and must reach the socket inside this (root's, 0700) directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, USER + ":" + PasswordScheme.SHA512_CRYPT.hash(PASSWORD) + "\n");
        Authenticator passdb = new PasswdFileAuthenticator(new PasswdFile(passwd, PasswordScheme.PLAIN));
        auth = new AuthSocketServer(dir.resolve("auth"), request -> {
            checked.add(request);
            return passdb.authenticate(request);
        }, LoginPenalty.NONE, AuthSocketOptions.DEFAULTS.withMode(0660).withOwner("postfix", "postfix")
                .withFailureDelay(Duration.ofMillis(100)));
        auth.start();
        postfix = PostfixInstance.start(dir.resolve("postfix"), auth.socket());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (postfix != null) {
                postfix.stop();
            }
        } finally {
            if (auth != null) {
                auth.close();
            }
        }
    }

    @Test
    void plainWithTheRightPasswordIsAccepted() throws Exception {
        PostfixInstance.Run run = swaks("PLAIN", PASSWORD);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("<-  235 "), run.output());
        assertEquals(1, checked.size());
        AuthRequest r = checked.get(0);
        assertEquals(USER, r.user());
        assertEquals("smtp", r.service());
        assertEquals(InetAddress.getByName("127.0.0.1"), r.remote(), "Postfix passes the SMTP client's address");
    }

    @Test
    void aWrongPasswordIsRefusedWith535() throws Exception {
        PostfixInstance.Run run = swaks("PLAIN", "not-" + PASSWORD);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("<** 535 "), run.output());
    }

    @Test
    void loginWorksThroughBothChallenges() throws Exception {
        PostfixInstance.Run run = swaks("LOGIN", PASSWORD);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("<-  334 VXNlcm5hbWU6"), run.output());
        assertTrue(run.output().contains("<-  334 UGFzc3dvcmQ6"), run.output());
        assertTrue(run.output().contains("<-  235 "), run.output());
    }

    /** swaks's transcript, with Postfix's log after it for failure messages. */
    private PostfixInstance.Run swaks(String mechanism, String password) throws Exception {
        PostfixInstance.Run r = postfix.run(dir.resolve("swaks-" + mechanism + "-" + checked.size() + ".log"), "swaks",
                "--server", "127.0.0.1:" + postfix.port(), "--auth", mechanism,
                "--auth-user", USER, "--auth-password", password, "--quit-after", "AUTH", "--timeout", "20");
        return new PostfixInstance.Run(r.exitCode(), r.output() + "\n--- Postfix maillog ---\n" + postfix.log());
    }
}
