package org.loftmail.server.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.UserStore;

/** A 50 MB message: APPEND streams it to disk, and FETCH to a client that does not read holds back. */
class BigMessageTest {
    private static final int SIZE = 50 << 20;

    @TempDir
    Path dir;

    @Test
    void aSlowReaderOfA50MbMessageDoesNotMakeTheServerBufferIt() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir)) {
            Path file = dir.resolve("big.eml");
            byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789012345678\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            try (var out = Files.newOutputStream(file)) {
                out.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (long n = 16; n < SIZE; n += line.length) {
                    out.write(line);
                }
            }
            long size = Files.size(file);
            UserStore alice = server.node.store().user(new UserId("alice"));
            alice.append(alice.mailbox(MailboxName.INBOX).orElseThrow().guid(), MessageContent.of(file), Flags.NONE,
                    System.currentTimeMillis());

            try (Socket s = new Socket(server.plain.getAddress(), server.plain.getPort())) {
                s.setReceiveBufferSize(64 * 1024);
                s.getOutputStream().write("a1 LOGIN alice pw\r\na2 SELECT INBOX\r\na3 FETCH 1 BODY.PEEK[]\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(1500);
                long pending = server.node.imap().pendingOutboundBytes();
                // Without backpressure the whole 50 MB would be queued in the server's heap.
                assertTrue(pending < 4 << 20, "server holds " + pending + " bytes for a client that reads nothing");

                InputStream in = s.getInputStream();
                String header = "* 1 FETCH (BODY[] {" + size + "}\r\n";
                long bodyStart = skipPast(in, header.getBytes(StandardCharsets.US_ASCII));
                assertTrue(bodyStart > 0, "FETCH header not found");
                long read = 0;
                byte[] buf = new byte[1 << 16];
                while (read < size) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, size - read));
                    assertTrue(n > 0, "stream ended after " + read);
                    read += n;
                }
                assertEquals(size, read);
                assertEquals(")\r\n", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void aLargeAppendIsSpooledToDiskAndStoredExactly() throws Exception {
        try (ImapTestServer server = new ImapTestServer(dir); Transcript t = server.login("alice")) {
            StringBuilder b = new StringBuilder("Subject: large\r\n\r\n");
            for (int i = 0; b.length() < (3 << 20); i++) {
                b.append("line ").append(i).append(" of a message larger than the 1 MiB streaming threshold\r\n");
            }
            byte[] message = b.toString().getBytes(StandardCharsets.US_ASCII);
            t.run("""
                C: a1 APPEND INBOX {%d}
                S: + OK
                """.formatted(message.length));
            t.sendRaw(message);
            t.run("""
                C:\040
                S: a1 OK [APPENDUID <*> 1] Append completed.
                """);
            UserStore alice = server.node.store().user(new UserId("alice"));
            byte[] stored = alice.content(alice.mailbox(MailboxName.INBOX).orElseThrow().guid(), 1).toByteArray();
            assertEquals(message.length, stored.length);
            assertTrue(java.util.Arrays.equals(message, stored), "stored bytes differ");
            try (var spools = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                // The spool file of the APPEND is gone once the command is done.
                assertEquals(0, spools.filter(p -> p.getFileName().toString().startsWith("loft-spool"))
                        .flatMap(d -> {
                            try {
                                return Files.list(d);
                            } catch (java.io.IOException e) {
                                return java.util.stream.Stream.empty();
                            }
                        }).count());
            }
        }
    }

    /** Reads until {@code marker} has been seen; returns how many bytes were read. */
    private static long skipPast(InputStream in, byte[] marker) throws Exception {
        int matched = 0;
        long count = 0;
        int b;
        while ((b = in.read()) >= 0) {
            count++;
            matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
            if (matched == marker.length) {
                return count;
            }
        }
        return -1;
    }
}
