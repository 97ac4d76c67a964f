package org.loftmail.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STLS (RFC 2595) and POP3S with a self-signed certificate for localhost. */
class Pop3TlsTest {
    private static final String MSG = "Subject: tls\n\n.dot\nbody\n";

    @TempDir
    Path dir;

    @Test
    void stlsUpgradesTheConnectionAndCapaNoLongerOffersIt() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.greeted()) {
            node.append(TestNode.ALICE, MSG);
            assertEquals("+OK", c.command("USER alice"));
            assertEquals("+OK Begin TLS negotiation now.", c.command("STLS"));
            c.startTls(node.clientTls());
            assertTrue(c.isTls());
            assertEquals("+OK", c.command("CAPA"));
            assertEquals(List.of("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "USER",
                    "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256"), c.lines());
            assertEquals("-ERR No username given.", c.command("PASS secret"), "USER before STLS is forgotten");
            assertEquals("-ERR TLS is already active.", c.command("STLS"));
            c.login(TestNode.ALICE, TestNode.ALICE_PW);
            assertEquals("+OK 1 " + MSG.replace("\n", "\r\n").length(), c.command("STAT"));
        }
    }

    @Test
    void pop3sGreetsAndServesOverTls() throws Exception {
        try (TestNode node = TestNode.start(dir); Pop3Client c = node.connectPop3s()) {
            node.append(TestNode.ALICE, MSG);
            assertEquals("+OK Loft ready.", c.line());
            assertEquals("+OK", c.command("CAPA"));
            assertEquals(List.of("CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "USER",
                    "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256"), c.lines());
            assertEquals("-ERR TLS is already active.", c.command("STLS"));
            c.login(TestNode.ALICE, TestNode.ALICE_PW);
            assertEquals("+OK " + MSG.replace("\n", "\r\n").length() + " octets", c.command("RETR 1"));
            assertArrayEquals(MSG.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII), c.body());
            assertEquals("+OK Logging out.", c.command("QUIT"));
        }
    }
}
