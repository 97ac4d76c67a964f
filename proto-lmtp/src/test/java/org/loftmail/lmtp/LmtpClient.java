package org.loftmail.lmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The MTA side of a transcript: raw bytes out, reply lines in. */
final class LmtpClient implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    LmtpClient(SocketAddress address) throws IOException {
        channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        channel.connect(address);
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        out = Channels.newOutputStream(channel);
    }

    /** Connects, reads the greeting and says LHLO. */
    static LmtpClient greeted(SocketAddress address) throws IOException {
        LmtpClient c = new LmtpClient(address);
        String greeting = c.line();
        assertNotNull(greeting);
        c.send("LHLO mta.example\r\n");
        c.multiline();
        return c;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One reply line; null when the server closed the connection. */
    String line() throws IOException {
        return in.readLine();
    }

    void expect(String reply) throws IOException {
        assertEquals(reply, line());
    }

    void expect(String reply, String why) throws IOException {
        assertEquals(reply, line(), why);
    }

    /** A reply's code and text with the recipient and the id left out: "250 2.0.0 <a@b> ID Saved" → "250 2.0.0 <a@b> Saved". */
    String saved() throws IOException {
        String l = line();
        assertNotNull(l, "connection closed");
        String[] f = l.split(" ");
        return f.length == 5 && f[4].equals("Saved") ? f[0] + " " + f[1] + " " + f[2] + " Saved" : l;
    }

    /** The lines of a multi-line reply, up to the one with a space after the code. */
    List<String> multiline() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        do {
            l = line();
            assertNotNull(l, "connection closed after " + lines);
            lines.add(l);
        } while (l.length() > 3 && l.charAt(3) == '-');
        return lines;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
