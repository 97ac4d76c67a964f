package org.loftmail.lmtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.exec.KeyedSlots;
import org.loftmail.core.model.UserId;
import org.loftmail.core.net.UnixSocketFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMTP listeners of a node: TCP ({@code inet_listener lmtp}) and unix sockets
 * ({@code unix_listener}, Postfix's {@code lmtp:unix:private/dovecot-lmtp}).
 *
 * <p>A thread per connection with blocking reads, unlike the Netty servers of the client
 * protocols: LMTP's clients are a few MTA processes holding long-lived connections (Postfix's
 * default is 20 at most per destination), so the threads are few, and a blocking reader gets
 * pipelining (flush when nothing more is waiting) and back-pressure (a slow disk simply stops
 * the reads) without any buffering of its own. A watchdog closes connections that stay silent
 * past the idle timeout.
 */
public final class LmtpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LmtpServer.class);

    private final LmtpServices services;
    private final LmtpSettings settings;
    private final KeyedSlots<UserId> deliveries;
    private final List<ServerSocketChannel> tcp = new ArrayList<>();
    private final List<UnixSocketFile> unix = new ArrayList<>();
    private final Map<SocketChannel, Long> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService watchdog;
    /** Saves copies for several recipients at once; bounded, so 1,000 recipients do not mean 1,000 threads. */
    private final java.util.concurrent.ExecutorService savers;
    private volatile boolean closed;

    public LmtpServer(LmtpServices services, LmtpSettings settings) {
        this.services = services;
        this.settings = settings;
        this.deliveries = new KeyedSlots<>(settings.userConcurrencyLimit());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon("lmtp-watchdog", r));
        long period = Math.max(1, Math.min(30_000, settings.idleTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
        AtomicLong saver = new AtomicLong();
        this.savers = Executors.newFixedThreadPool(32, r -> daemon("lmtp-save-" + saver.incrementAndGet(), r));
    }

    /** Listens on a TCP address (port 0 picks one); returns the bound address. */
    public synchronized InetSocketAddress bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        ch.bind(address, 128);
        tcp.add(ch);
        InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
        start(ch, "lmtp " + bound);
        LOG.info("lmtp: listening on {}", bound);
        return bound;
    }

    /**
     * Listens on a unix socket with the listener's {@code mode} (octal bits), {@code user} and
     * {@code group} (null keeps Loft's own), replacing a stale socket file.
     */
    public synchronized Path bindUnix(Path path, int mode, String user, String group) {
        UnixSocketFile file = UnixSocketFile.bind(path, mode, user, group, 128);
        unix.add(file);
        start(file.channel(), "lmtp " + file.path());
        LOG.info("lmtp: listening on {} (mode {})", file.path(), String.format("%04o", mode));
        return file.path();
    }

    private void start(ServerSocketChannel listener, String name) {
        daemon(name, () -> acceptLoop(listener)).start();
    }

    private void acceptLoop(ServerSocketChannel listener) {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.error("lmtp: accept failed", e);
                pause();
                continue;
            }
            if (connections.size() >= settings.maxConnections()) {
                refuse(ch);
                continue;
            }
            connections.put(ch, System.nanoTime());
            if (closed) {
                closeQuietly(ch);
                return;
            }
            daemon("lmtp-" + ids.incrementAndGet(), () -> serve(ch)).start();
        }
    }

    private void refuse(SocketChannel ch) {
        LOG.warn("lmtp: {} clients connected already; refusing one more", connections.size());
        try {
            ch.write(java.nio.ByteBuffer.wrap(("421 4.3.2 " + settings.hostname()
                    + " Too many connections, try again later\r\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // It is being refused anyway.
        }
        closeQuietly(ch);
    }

    private void serve(SocketChannel ch) {
        InetAddress remote = null;
        try {
            if (ch.getRemoteAddress() instanceof InetSocketAddress) {
                remote = ((InetSocketAddress) ch.getRemoteAddress()).getAddress();
            }
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 8192);
            LmtpInput in = new LmtpInput(new ActivityStream(Channels.newInputStream(ch), () -> connections.replace(ch,
                    System.nanoTime())));
            LmtpSession session = new LmtpSession(in, out, services, settings, deliveries, savers, remote);
            session.run();
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("lmtp: connection from {} failed: {}", remote, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("lmtp: BUG: session from {} failed", remote, e);
        } finally {
            connections.remove(ch);
            closeQuietly(ch);
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        long limit = settings.idleTimeout().toNanos();
        for (Map.Entry<SocketChannel, Long> e : connections.entrySet()) {
            if (now - e.getValue() > limit) {
                LOG.info("lmtp: closing a connection idle for over {} s", settings.idleTimeout().toSeconds());
                closeQuietly(e.getKey());
            }
        }
    }

    /** Stops listening, closes every connection (deliveries in progress are not acknowledged) and removes socket files. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        watchdog.shutdownNow();
        savers.shutdown();
        for (ServerSocketChannel ch : tcp) {
            closeQuietly(ch);
        }
        for (UnixSocketFile f : unix) {
            f.close();
        }
        for (SocketChannel ch : connections.keySet()) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("lmtp: close failed: {}", e.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Notes each read for the idle watchdog. */
    private static final class ActivityStream extends java.io.FilterInputStream {
        private final Runnable onRead;

        ActivityStream(java.io.InputStream in, Runnable onRead) {
            super(in);
            this.onRead = onRead;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            onRead.run();
            return n;
        }
    }
}
