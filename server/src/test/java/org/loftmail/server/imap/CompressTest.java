package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 4978 COMPRESS=DEFLATE with a client built on java.util.zip: raw deflate both ways, over
 * plain loopback and over TLS, with a message large enough to span many compressed pieces.
 */
class CompressTest {
    @TempDir
    Path dir;
    ImapTestServer server;

    @BeforeEach
    void start() {
        server = new ImapTestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Line-level IMAP over a socket whose streams can be swapped for compressing ones. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        InputStream in;
        OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            String s = b.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            assertEquals(n, b.length);
            return b;
        }

        String until(String tag) throws IOException {
            String l;
            do {
                l = line();
            } while (!l.startsWith(tag + " "));
            return l;
        }

        void compress() {
            out = new DeflaterOutputStream(socket_out(), new Deflater(Deflater.DEFAULT_COMPRESSION, true), 4096, true);
            in = new InflaterInputStream(socket_in(), new Inflater(true), 4096);
        }

        private OutputStream socket_out() {
            try {
                return socket.getOutputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private InputStream socket_in() {
            try {
                return socket.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String bigMessage() {
        StringBuilder b = new StringBuilder("Subject: big\r\n\r\n");
        java.util.Random r = new java.util.Random(4978);
        while (b.length() < 300_000) {
            b.append(Long.toHexString(r.nextLong())).append(" compressible text compressible text\r\n");
        }
        return b.toString();
    }

    private void session(Client c) throws IOException {
        assertTrue(c.line().startsWith("* OK"));
        c.send("a COMPRESS DEFLATE");
        assertTrue(c.until("a").startsWith("a BAD COMPRESS is only valid after login."));
        c.send("b LOGIN alice " + ImapTestServer.PASSWORD);
        assertTrue(c.until("b").contains("COMPRESS=DEFLATE"), "advertised after login");
        c.send("c COMPRESS LZ4");
        assertEquals("c BAD Unknown compression mechanism LZ4.", c.until("c"));
        c.send("d COMPRESS DEFLATE");
        assertEquals("d OK DEFLATE active.", c.line());
        c.compress();
        c.send("e NOOP");
        assertEquals("e OK NOOP completed.", c.line());
        String msg = bigMessage();
        c.send("f APPEND INBOX {" + msg.length() + "+}");
        c.out.write(msg.getBytes(StandardCharsets.US_ASCII));
        c.send("");
        assertTrue(c.until("f").startsWith("f OK [APPENDUID"));
        c.send("g SELECT INBOX");
        assertTrue(c.until("g").startsWith("g OK [READ-WRITE]"));
        c.send("h FETCH 1 BODY.PEEK[]");
        String head = c.line();
        assertEquals("* 1 FETCH (BODY[] {" + msg.length() + "}", head);
        assertEquals(msg, new String(c.bytes(msg.length()), StandardCharsets.US_ASCII));
        assertEquals(")", c.line());
        assertEquals("h OK Fetch completed.", c.line());
        c.send("i COMPRESS DEFLATE");
        assertEquals("i NO [COMPRESSIONACTIVE] DEFLATE active via COMPRESS.", c.line());
        c.send("j LOGOUT");
        assertEquals("* BYE Logging out", c.line());
        assertEquals("j OK Logout completed.", c.line());
    }

    @Test
    void deflateOverPlainLoopback() throws IOException {
        try (Client c = new Client(new Socket(server.plain.getAddress(), server.plain.getPort()))) {
            session(c);
        }
    }

    @Test
    void deflateInsideTls() throws IOException {
        SSLSocket s = (SSLSocket) Transcript.trustAll().getSocketFactory().createSocket(server.imaps.getAddress(),
                server.imaps.getPort());
        s.startHandshake();
        try (Client c = new Client(s)) {
            session(c);
        }
    }

    @Test
    void garbageInsteadOfDeflateClosesOnlyThatConnection() throws IOException {
        try (Client c = new Client(new Socket(server.plain.getAddress(), server.plain.getPort()))) {
            c.line();
            c.send("b LOGIN alice " + ImapTestServer.PASSWORD);
            c.until("b");
            c.send("d COMPRESS DEFLATE");
            assertEquals("d OK DEFLATE active.", c.line());
            c.out.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06});
            c.out.flush();
            // The server may say BYE (compressed) first; then it must close: read to the end.
            while (c.in.read() >= 0) {
                continue;
            }
        }
        try (Transcript t = server.login("alice")) {
            t.run("""
                C: n NOOP
                S: n OK NOOP completed.
                """);
        }
    }
}
