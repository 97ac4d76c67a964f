package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.LoginPenalty;

/** The socket file: its mode and owner as unix_listener sets them, stale files, and cleaning up. */
class AuthSocketFileTest {
    private static final Authenticator NOBODY = request -> new AuthResult.Failure("test");

    @TempDir
    Path dir;

    private AuthSocketServer server(Path socket, AuthSocketOptions options) {
        return new AuthSocketServer(socket, NOBODY, LoginPenalty.NONE, options);
    }

    private static PosixFileAttributes attributes(Path p) throws Exception {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void theSocketGetsItsModeAndIsRemovedOnClose() throws Exception {
        Path socket = dir.resolve("auth");
        try (AuthSocketServer s = server(socket, AuthSocketOptions.DEFAULTS.withMode(0660))) {
            s.start();
            assertTrue(attributes(socket).isOther(), "a socket file");
            assertEquals("rw-rw----", PosixFilePermissions.toString(attributes(socket).permissions()));
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));

        try (AuthSocketServer s = server(socket, AuthSocketOptions.DEFAULTS.withMode(0600))) {
            s.start();
            assertEquals("rw-------", PosixFilePermissions.toString(attributes(socket).permissions()));
        }
    }

    @Test
    void ownerAndGroupAreSetByName() throws Exception {
        Path socket = dir.resolve("auth");
        PosixFileAttributes mine = attributes(dir);
        // Giving a file to its own owner and group works without root; the Postfix test gives it to postfix.
        AuthSocketOptions options = AuthSocketOptions.DEFAULTS.withOwner(mine.owner().getName(), mine.group().getName());
        try (AuthSocketServer s = server(socket, options)) {
            s.start();
            assertEquals(mine.owner(), attributes(socket).owner());
            assertEquals(mine.group(), attributes(socket).group());
        }
    }

    @Test
    void anUnknownOwnerFailsStartWithoutLeavingTheSocket() {
        Path socket = dir.resolve("auth");
        AuthSocketServer s = server(socket, AuthSocketOptions.DEFAULTS.withOwner("no-such-user-loft", null));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, s::start);
        assertTrue(e.getMessage().contains("no-such-user-loft"), e.getMessage());
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        s.close();
    }

    @Test
    void aStaleSocketIsReplacedButALiveOneOrARegularFileIsNot() throws Exception {
        Path socket = dir.resolve("auth");
        // A socket file left behind by a process that died: bound once, nobody listening now.
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        try (AuthSocketServer s = server(socket, AuthSocketOptions.DEFAULTS)) {
            s.start();
            try (AuthSocketClient c = new AuthSocketClient(socket)) {
                assertEquals("DONE", c.handshake().get(6));
            }
            try (AuthSocketServer second = server(socket, AuthSocketOptions.DEFAULTS)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
                assertTrue(e.getMessage().contains("another process is listening"), e.getMessage());
            }
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the live socket is left alone");
        }

        Path file = dir.resolve("not-a-socket");
        Files.writeString(file, "keep me");
        try (AuthSocketServer s = server(file, AuthSocketOptions.DEFAULTS)) {
            assertThrows(IllegalStateException.class, s::start);
        }
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void modesAreParsedAsDovecotWritesThem() {
        assertEquals(0660, AuthSocketOptions.parseMode("0660"));
        assertEquals(0600, AuthSocketOptions.parseMode("600"));
        assertEquals(0, AuthSocketOptions.parseMode("0"));
        assertThrows(IllegalArgumentException.class, () -> AuthSocketOptions.parseMode("0668"));
        assertThrows(IllegalArgumentException.class, () -> AuthSocketOptions.parseMode("4755"));
        assertThrows(IllegalArgumentException.class, () -> AuthSocketOptions.parseMode("rw"));
    }
}
