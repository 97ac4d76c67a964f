package org.loftmail.imap.parse;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loftmail.imap.codec.ImapFrame;

/** Random lines built from IMAP's significant characters never reach the parser's safety net. */
class ImapParserFuzzTest {
    private static final String[] PIECES = {
        " ", "(", ")", "[", "]", "<", ">", ".", "\"", "\\", "*", "%", ":", ",", "$", "+", "-", "0", "1", "7",
        "4294967296", "a", "x1", "FETCH", "UID", "SEARCH", "STORE", "LIST", "SELECT", "APPEND", "STATUS",
        "BODY", "BODY.PEEK", "HEADER.FIELDS", "MIME", "TEXT", "NOT", "OR", "SINCE", "1-Jan-2020", "FLAGS",
        "RETURN", "CHARSET", "QRESYNC", "CONDSTORE", "CHANGEDSINCE", "MODSEQ", "SORT", "THREAD", "NIL", "ID",
        "LOGIN", "AUTHENTICATE", "=", "~", "{", "}", "{3}", "ENABLE", "CREATE", "USE", "REVERSE", "BINARY",
    };

    @Test
    void randomInputGivesAResultNotAnInternalError() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "t " : "");
            int n = 1 + random.nextInt(14);
            for (int k = 0; k < n; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextInt(3) == 0) {
                    sb.append(' ');
                }
            }
            String line = sb.toString();
            ParseResult r = ImapParser.parse(ImapFrame.Command.ofLine(line));
            assertNotNull(r, line);
            if (r instanceof ParseError) {
                assertNotEquals("Internal error parsing command", ((ParseError) r).message(), line);
            }
        }
    }
}
