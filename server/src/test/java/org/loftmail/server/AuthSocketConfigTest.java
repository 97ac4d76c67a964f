package org.loftmail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.imap.session.ImapSettings;

/**
 * {@code service auth { unix_listener PATH { mode } }} in loft.conf starts the auth socket
 * Postfix uses, with the passdbs IMAP uses ({@code PostfixSaslTest} drives it with real Postfix).
 */
class AuthSocketConfigTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredSocketAnswersWithThePassdbAndGoesAwayAtClose() throws Exception {
        Path socket = dir.resolve("auth");
        Path baseDir = dir.resolve("run");
        String config = "base_dir = " + baseDir + "\nauth_mechanisms = plain cram-md5\n"
                + "service auth {\n  unix_listener " + socket + " {\n    mode = 0660\n  }\n"
                + "  unix_listener auth-userdb {\n    mode = 0600\n  }\n}\n";
        try (LoftTestServer server = LoftTestServer.start(dir.resolve("node"), ImapSettings.DEFAULTS.withTimeouts(
                Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMillis(10)), "carol:{PLAIN}pw\n", config)) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(ch);
                assertEquals("VERSION\t1\t2", in.readLine());
                assertEquals("MECH\tPLAIN\tplaintext", in.readLine());
                assertEquals("MECH\tCRAM-MD5\tdictionary\tactive", in.readLine(), "auth_mechanisms decides the offer");
                String line;
                do {
                    line = in.readLine();
                } while (!"DONE".equals(line));
                String plain = Base64.getEncoder().encodeToString("\0carol\0pw".getBytes(StandardCharsets.UTF_8));
                out.write(("VERSION\t1\t2\nCPID\t1\nAUTH\t1\tPLAIN\tservice=smtp\trip=127.0.0.1\tresp=" + plain + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertEquals("OK\t1\tuser=carol", in.readLine());
            }
            // auth-userdb is relative: in base_dir, speaking the auth-master protocol.
            Path userdb = baseDir.resolve("auth-userdb");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(userdb)));
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(userdb));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(ch);
                out.write("VERSION\t1\t0\nUSER\t1\tcarol\tservice=lmtp\nUSER\t2\tdave\tservice=lmtp\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertEquals("VERSION\t1\t0", in.readLine());
                assertTrue(in.readLine().startsWith("SPID\t"));
                assertEquals("USER\t1\tcarol", in.readLine().split("\t(?=[a-z_]+=)", 2)[0]);
                assertEquals("NOTFOUND\t2", in.readLine());
            }
        }
        assertTrue(Files.notExists(socket), "the socket file is removed when the node stops");
        assertTrue(Files.notExists(baseDir.resolve("auth-userdb")));
    }
}
