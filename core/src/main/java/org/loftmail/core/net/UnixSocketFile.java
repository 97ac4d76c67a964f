package org.loftmail.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;

/**
 * A listening unix socket file as Dovecot's {@code unix_listener PATH { mode user group }} makes
 * it: a stale file (nobody listens) is replaced, a live one or a file that is not a socket never
 * is; the file gets its permission bits and owner; closing removes the file only if it is still
 * the one this listener created.
 */
public final class UnixSocketFile implements AutoCloseable {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;

    private UnixSocketFile(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Binds a blocking listener at {@code path} with permission bits {@code mode} (e.g. 0660),
     * owner {@code user} and {@code group} (null keeps the process's own).
     *
     * @throws UncheckedIOException  if the socket cannot be created or given its owner
     * @throws IllegalStateException if another process listens there, or the path is not a socket
     */
    public static UnixSocketFile bind(Path path, int mode, String user, String group, int backlog) {
        Path socket = path.toAbsolutePath();
        removeStale(socket);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(socket), backlog);
            // The file exists from bind on with the umask's permissions; connecting needs write
            // permission, so under the usual umask (022, 077) nobody else gets in meanwhile.
            applyOwnership(socket, mode, user, group);
            return new UnixSocketFile(socket, ch, fileKey(socket));
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // Nothing more can be done; the next start replaces a stale file.
            }
            if (e instanceof IOException) {
                throw new UncheckedIOException("cannot listen on " + socket + ": " + e.getMessage(), (IOException) e);
            }
            throw (RuntimeException) e;
        }
    }

    /** Dovecot's {@code mode = 0660}: octal digits, the leading 0 optional, no bits beyond 0777. */
    public static int parseMode(String octal) {
        String t = octal.trim();
        if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new IllegalArgumentException("mode is not an octal permission such as 0660: " + octal);
        }
        int mode = Integer.parseInt(t, 8);
        if (mode > 0777) {
            throw new IllegalArgumentException("mode has bits beyond 0777 (setuid, sticky...): " + octal);
        }
        return mode;
    }

    public Path path() {
        return path;
    }

    /** The blocking listener: accept() until it is closed. */
    public ServerSocketChannel channel() {
        return channel;
    }

    /** Stops listening and removes the file, unless another listener has replaced it since. */
    @Override
    public void close() {
        closeQuietly(channel);
        if (fileKey != null && fileKey.equals(fileKey(path))) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // Left behind: the next start sees nobody listens and replaces it.
            }
        }
    }

    private static void removeStale(Path socket) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + socket, e);
        }
        if (!a.isOther()) {
            throw new IllegalStateException(socket + " exists and is not a socket; not replacing it");
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
            throw new IllegalStateException("another process is listening on " + socket);
        } catch (ConnectException e) {
            // Connection refused: the file is left from a process that is gone.
        } catch (IOException e) {
            // Permission denied and the like: maybe someone else's live socket; never delete that.
            throw new UncheckedIOException("cannot tell whether a process listens on " + socket + "; not replacing it", e);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale socket " + socket, e);
        }
    }

    private static void applyOwnership(Path socket, int mode, String user, String group) throws IOException {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be within 0000..0777: " + Integer.toOctalString(mode));
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(BITS[bit]);
            }
        }
        Files.setPosixFilePermissions(socket, perms);
        if (user == null && group == null) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        UserPrincipalLookupService names = socket.getFileSystem().getUserPrincipalLookupService();
        try {
            if (user != null) {
                view.setOwner(names.lookupPrincipalByName(user));
            }
            if (group != null) {
                view.setGroup(names.lookupPrincipalByGroupName(group));
            }
        } catch (IOException e) {
            throw new IOException("cannot give the socket to user " + user + " group " + group
                    + " (unknown name, or not running as root): " + e, e);
        }
    }

    private static Object fileKey(Path socket) {
        try {
            return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(ServerSocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            // Closing a listener does not fail in a way anyone could act on.
        }
    }
}
