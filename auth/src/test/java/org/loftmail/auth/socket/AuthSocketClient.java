package org.loftmail.auth.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client side of a transcript: writes raw lines, and a reader thread queues every line the
 * server sends (and the end of the stream), so a test can wait for each with a timeout.
 */
final class AuthSocketClient implements AutoCloseable {
    private static final String EOF = "\0EOF";
    private static final long WAIT_SECONDS = 5;

    private final SocketChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    AuthSocketClient(Path socket) throws IOException {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Thread reader = new Thread(this::readAll, "test-auth-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and does both sides of the handshake, as Postfix does (VERSION 1.0 and CPID). */
    static AuthSocketClient handshaken(Path socket) throws Exception {
        AuthSocketClient c = new AuthSocketClient(socket);
        c.send("VERSION\t1\t0\nCPID\t4242\n");
        c.handshake();
        return c;
    }

    /** The server's handshake lines, up to and including DONE. */
    List<String> handshake() throws InterruptedException {
        List<String> out = new ArrayList<>();
        String line;
        do {
            line = next();
            assertNotNull(line, "connection closed during the handshake after " + out);
            out.add(line);
        } while (!line.equals("DONE"));
        return out;
    }

    /** Writes text as it is: the test decides about line ends. */
    void send(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void expect(String line) throws InterruptedException {
        assertEquals(line, next());
    }

    /** The next line from the server, null if the server closed the connection. */
    String next() throws InterruptedException {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            fail("no line from the server within " + WAIT_SECONDS + " s");
        }
        return line.equals(EOF) ? null : line;
    }

    void expectClosed() throws InterruptedException {
        String line = next();
        if (line != null) {
            fail("expected the server to close the connection, got: " + line);
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void readAll() {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buf.clear();
            }
        } catch (IOException e) {
            // Closed by the server (reset) or by close(): either way the end of the stream.
        }
        lines.add(EOF);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
