package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A line-level IMAP client for transcript tests: {@link #run} takes {@code C: } lines to send and
 * {@code S: } lines the server must answer with, exactly and in order; {@code <*>} in an
 * expected line matches any text (UIDVALIDITY, dates).
 */
final class Transcript implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final List<String> seen = new ArrayList<>();

    private Transcript(Socket socket) {
        use(socket);
    }

    private void use(Socket s) {
        try {
            socket = s;
            socket.setSoTimeout(5000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript imaps(InetSocketAddress address) {
        try {
            SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket(address.getAddress(), address.getPort());
            s.startHandshake();
            return new Transcript(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript plain(InetSocketAddress address) {
        try {
            return new Transcript(new Socket(address.getAddress(), address.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain connection from a chosen local address (another loopback address acts as another client). */
    static Transcript plainFrom(InetAddress local, InetSocketAddress address) {
        try {
            return new Transcript(new Socket(address.getAddress(), address.getPort(), local, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps the connection in TLS (after STARTTLS's OK). */
    void startTls() {
        try {
            SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            s.startHandshake();
            use(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SSLContext trustAll() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a transcript: "C: line" is sent, "S: line" must come back; blank lines are ignored. */
    Transcript run(String transcript) {
        for (String line : transcript.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("C: ")) {
                send(line.substring(3));
            } else if (line.startsWith("S: ")) {
                expectLine(line.substring(3));
            } else {
                throw new IllegalArgumentException("transcript line must start with C: or S: : " + line);
            }
        }
        return this;
    }

    void send(String line) {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void expectLine(String expected) {
        String got = readLine();
        if (got == null) {
            fail("connection closed; expected: " + expected + "\nso far:\n" + String.join("\n", seen));
        }
        if (!matches(expected, got)) {
            fail("expected: " + expected + "\n     got: " + got + "\nso far:\n" + String.join("\n", seen));
        }
    }

    static boolean matches(String expected, String got) {
        StringBuilder re = new StringBuilder();
        String[] parts = expected.split("<\\*>", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(got).matches();
    }

    /** The next line without CRLF, or null at end of stream. */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
                    seen.add(s);
                    return s;
                }
                line.write(b);
            }
            return null;
        } catch (SocketTimeoutException e) {
            fail("no answer within 5 s; partial line: " + line + "\nso far:\n" + String.join("\n", seen));
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads lines until one starts with {@code prefix}; returns all of them. */
    List<String> readUntil(String prefix) {
        List<String> lines = new ArrayList<>();
        String l;
        do {
            l = readLine();
            assertTrue(l != null, "connection closed before " + prefix);
            lines.add(l);
        } while (!l.startsWith(prefix));
        return lines;
    }

    /** True if the server closed the connection (reads end of stream within the timeout). */
    boolean closedByServer() {
        return readLine() == null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
