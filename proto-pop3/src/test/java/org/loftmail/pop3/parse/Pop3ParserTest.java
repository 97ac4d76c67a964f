package org.loftmail.pop3.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pop3ParserTest {
    private static Pop3Command p(String line) {
        return Pop3Parser.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandNamesAreCaseInsensitive() {
        assertEquals(new Pop3Command.Stat(), p("stat"));
        assertEquals(new Pop3Command.Retr(3), p("ReTr 3"));
        assertEquals(new Pop3Command.List(0), p("LIST"));
        assertEquals(new Pop3Command.Uidl(7), p("uidl   7"));
        assertEquals(new Pop3Command.Top(1, 10), p("TOP 1 10"));
        assertEquals(new Pop3Command.Capa(), p("CAPA"));
    }

    @Test
    void userAndPassKeepTheirArgumentsAsSent() {
        assertEquals(new Pop3Command.User("Alice@Example.org"), p("USER Alice@Example.org"));
        assertEquals("pass word with spaces ", ((Pop3Command.Pass) p("PASS pass word with spaces ")).password());
        assertEquals("pässwörd", ((Pop3Command.Pass) p("PASS pässwörd")).password());
        assertEquals(new Pop3Command.Malformed("No username given."), p("USER"));
    }

    @Test
    void authForms() {
        assertEquals(new Pop3Command.Auth(null, null), p("AUTH"));
        assertEquals(new Pop3Command.Auth("PLAIN", null), p("AUTH PLAIN"));
        assertEquals(new Pop3Command.Auth("plain", "AGEAYg=="), p("auth plain AGEAYg=="));
        assertEquals(new Pop3Command.Auth("PLAIN", "="), p("AUTH PLAIN ="));
    }

    @Test
    void numbersGetDovecotsErrors() {
        assertEquals(new Pop3Command.Malformed("Invalid message number: x"), p("RETR x"));
        assertEquals(new Pop3Command.Malformed("Invalid message number: -1"), p("DELE -1"));
        assertEquals(new Pop3Command.Malformed("Noise after message number: a"), p("LIST 1a"));
        assertEquals(new Pop3Command.Malformed("Noise after message number:  2"), p("RETR 1 2"));
        assertEquals(new Pop3Command.Malformed("Message number too large: 2147483648"), p("RETR 2147483648"));
        assertEquals(new Pop3Command.Retr(2147483647), p("RETR 2147483647"));
        assertEquals(new Pop3Command.Malformed("Invalid size: x"), p("TOP 1 x"));
        assertEquals(new Pop3Command.Malformed("Missing line count after the message number."), p("TOP 1"));
        assertEquals(new Pop3Command.Top(1, 0), p("TOP 1   0"));
    }

    @Test
    void oddInputIsNamedSafely() {
        assertEquals(new Pop3Command.Malformed("Invalid NUL byte in command."),
                Pop3Parser.parse(new byte[] {'N', 'O', 0, 'P'}));
        assertEquals(new Pop3Command.Unknown("R??TR"), Pop3Parser.parse(new byte[] {'R', (byte) 0xC3, (byte) 0xA9, 'T', 'R'}));
        assertEquals(new Pop3Command.Unknown(""), p(""));
        assertEquals(new Pop3Command.Unknown("X".repeat(40)), p("x".repeat(300)));
        assertEquals(new Pop3Command.Malformed("Invalid message number: ?"), Pop3Parser.parse(new byte[] {'R', 'E', 'T',
            'R', ' ', 7}));
    }
}
