package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A small raw-socket POP3 client: exact lines in, exact bytes out. */
final class Pop3Client implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    static Pop3Client connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        return new Pop3Client(s);
    }

    static Pop3Client connectTls(InetSocketAddress address, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(address, 10_000);
        return new Pop3Client(handshake(plain, address, tls));
    }

    private void use(Socket s) throws IOException {
        s.setSoTimeout(15_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    private static SSLSocket handshake(Socket plain, InetSocketAddress address, SSLContext tls) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", address.getPort(), true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    /** After {@code +OK} to STLS: the same connection, now in TLS. */
    void startTls(SSLContext tls) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        use(handshake(socket, remote, tls));
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    void send(String line) throws IOException {
        raw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One response line without its CRLF; null when the server closed the connection. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
    }

    String command(String line) throws IOException {
        send(line);
        return line();
    }

    /** The lines of a multi-line response after its status line, up to (without) the ".". */
    List<String> lines() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l = line(); !".".equals(l); l = line()) {
            if (l == null) {
                throw new IOException("connection closed inside a multi-line response");
            }
            out.add(l);
        }
        return out;
    }

    /**
     * The raw octets of a multi-line response body up to the terminating CRLF.CRLF (which is not
     * included), with the dot-stuffing undone: exactly what a client stores.
     */
    byte[] body() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                line.write(c);
                if (c == '\n') {
                    break;
                }
            }
            if (c < 0) {
                throw new IOException("connection closed inside a multi-line response");
            }
            byte[] l = line.toByteArray();
            if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
                return b.toByteArray();
            }
            assertTrue(l.length >= 2 && l[l.length - 2] == '\r', "every line ends in CRLF");
            int from = l[0] == '.' ? 1 : 0;
            b.write(l, from, l.length - from);
        }
    }

    void login(String user, String password) throws IOException {
        assertEquals("+OK", command("USER " + user));
        assertEquals("+OK Logged in.", command("PASS " + password));
    }

    /** Whether the server has closed the connection (reads nothing more). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
