package org.loftmail.auth.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the {@code auth-userdb} socket, speaking Dovecot's auth-master protocol: the
 * server sends {@code VERSION 1 0} and {@code SPID}, the client its {@code VERSION}, then
 * requests each answered by ID:
 * <pre>
 * USER TAB id TAB user TAB service=lmtp [TAB params]
 *   → USER TAB id TAB user [TAB field=value]…  |  NOTFOUND TAB id  |  FAIL TAB id TAB reason=…
 * </pre>
 * Lookups run one after another on this connection's thread: delivery agents send one request
 * per connection, and a userdb lookup is a file read or one query. {@code PASS} (passdb lookups)
 * and {@code LIST} (iterating users) are answered as failures; anything else is a client bug and
 * closes the connection, as in Dovecot.
 */
final class UserdbConnection implements AuthSocketServer.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(UserdbConnection.class);

    private final SocketChannel channel;
    private final long cuid;
    private final Userdb userdb;
    private final AuthServices services;
    private final Consumer<AuthSocketServer.Connection> onClose;
    private boolean versionSeen;
    private boolean closed;

    UserdbConnection(SocketChannel channel, long cuid, Userdb userdb, AuthServices services,
                     Consumer<AuthSocketServer.Connection> onClose) {
        this.channel = channel;
        this.cuid = cuid;
        this.userdb = userdb;
        this.services = services;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            send("VERSION\t1\t0\nSPID\t" + services.spid());
            LineReader reader = new LineReader(channel, services.options().maxLineLength());
            String line;
            while ((line = reader.readLine()) != null) {
                handle(line);
            }
        } catch (LineReader.LineTooLongException e) {
            LOG.warn("auth-userdb: client (cuid {}) sent a line longer than {} bytes; disconnecting",
                    cuid, services.options().maxLineLength());
        } catch (AuthProtocolException e) {
            LOG.warn("auth-userdb: BUG: client (cuid {}): {}; disconnecting", cuid, e.getMessage());
        } catch (IOException e) {
            if (!isClosed()) {
                LOG.debug("auth-userdb: client (cuid {}) connection failed: {}", cuid, e.toString());
            }
        } finally {
            close();
        }
    }

    private void handle(String line) throws IOException {
        String[] f = line.split("\t", -1);
        if (!versionSeen) {
            if (!f[0].equals("VERSION") || f.length < 3 || !f[1].equals("1")) {
                throw new AuthProtocolException("client not compatible with this server (no VERSION 1 first)");
            }
            versionSeen = true;
            return;
        }
        switch (f[0]) {
            case "USER" -> user(f);
            case "PASS" -> send("FAIL\t" + id(f) + "\treason=passdb lookups are not served on this socket");
            // An empty list that ends in failure: doveadm says the iteration failed.
            case "LIST" -> send("DONE\t" + id(f) + "\tfail");
            default -> throw new AuthProtocolException("unknown command " + AuthClientConnection.printable(f[0]));
        }
    }

    private void user(String[] f) throws IOException {
        long id = id(f);
        if (f.length < 3 || f[2].isEmpty()) {
            throw new AuthProtocolException("broken USER request");
        }
        String user = TabEscape.unescape(f[2]);
        String service = null;
        for (int i = 3; i < f.length; i++) {
            if (f[i].startsWith("service=")) {
                service = TabEscape.unescape(f[i].substring("service=".length()));
            }
        }
        if (service == null || service.isEmpty()) {
            send("FAIL\t" + id + "\treason=USER request without service");
            return;
        }
        UserdbResult result;
        try {
            result = userdb.lookup(user, service);
        } catch (RuntimeException e) {
            LOG.error("auth-userdb: lookup of user=<{}> failed", AuthClientConnection.printable(user), e);
            result = new UserdbResult.Unavailable(e.toString());
        }
        if (result instanceof UserdbResult.Found found) {
            StringBuilder b = new StringBuilder("USER\t").append(id).append('\t')
                    .append(TabEscape.escape(found.user().name()));
            // Sorted, so an answer reads the same every time.
            for (Map.Entry<String, String> e : new TreeMap<>(found.fields()).entrySet()) {
                b.append('\t').append(TabEscape.escape(e.getKey())).append('=').append(TabEscape.escape(e.getValue()));
            }
            send(b.toString());
        } else if (result instanceof UserdbResult.NotFound) {
            send("NOTFOUND\t" + id);
        } else {
            LOG.warn("auth-userdb: {}: lookup of user=<{}> failed: {}", service, AuthClientConnection.printable(user),
                    ((UserdbResult.Unavailable) result).reason());
            send("FAIL\t" + id + "\treason=Temporary failure looking up the user");
        }
    }

    private static long id(String[] f) {
        if (f.length < 2 || f[1].isEmpty() || f[1].length() > 10 || !f[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AuthProtocolException("broken " + AuthClientConnection.printable(f[0]) + " request: no ID");
        }
        return Long.parseLong(f[1]);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("auth-userdb: closing client (cuid {}): {}", cuid, e.toString());
        }
        onClose.accept(this);
    }

    private void send(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
