package org.loftmail.imap.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImapParserErrorTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        ''                                        | NULL | Empty command
        '(x NOOP'                                 | NULL | Invalid tag
        '+ NOOP'                                  | NULL | Invalid tag
        'a1'                                      | a1   | Missing command
        'a1 '                                     | a1   | Missing argument
        'a1  NOOP'                                | a1   | Unexpected extra space
        'a1 FROB'                                 | a1   | Unknown command FROB
        'a1 NOOP x'                               | a1   | Unexpected extra arguments
        'a1 CAPABILITY '                          | a1   | Unexpected extra arguments
        'a1 LOGIN'                                | a1   | Missing argument
        'a1 LOGIN alice'                          | a1   | Missing argument
        'a1 LOGIN alice "secret'                  | a1   | Unterminated quoted string
        'a1 LOGIN alice "se\\x"'                  | a1   | Invalid escape in quoted string
        'a1 LOGIN alice (x)'                      | a1   | Invalid password
        'a1 SELECT'                               | a1   | Missing argument
        'a1 SELECT INBOX (FOO)'                   | a1   | Unknown SELECT parameter FOO
        'a1 SELECT INBOX (QRESYNC (0 5))'         | a1   | Invalid UIDVALIDITY
        'a1 SELECT INBOX (CONDSTORE'              | a1   | Missing ")" after SELECT parameters
        'a1 CREATE x (FOO)'                       | a1   | Unknown CREATE parameter FOO
        'a1 RENAME a'                             | a1   | Missing argument
        'a1 STATUS INBOX (MESSAGES BOGUS)'        | a1   | Unknown STATUS item BOGUS
        'a1 STATUS INBOX MESSAGES'                | a1   | Expected status items
        'a1 STATUS INBOX ()'                      | a1   | Missing status item
        'a1 LIST ""'                              | a1   | Missing argument
        'a1 LIST "" * RETURN'                     | a1   | Missing argument
        'a1 LIST "" * FOO ()'                     | a1   | Expected RETURN
        'a1 APPEND INBOX'                         | a1   | Missing argument
        'a1 APPEND INBOX (\\Seen) hello'          | a1   | Expected message literal
        'a1 APPEND INBOX "31-Foo-2020 10:00:00 +0000" {1+}\r\nx' | a1 | Invalid date-time 31-Foo-2020 10:00:00 +0000
        'a1 FETCH'                                | a1   | Missing argument
        'a1 FETCH 1'                              | a1   | Missing argument
        'a1 FETCH 0 FLAGS'                        | a1   | Invalid sequence set
        'a1 FETCH 1:2:3 FLAGS'                    | a1   | Invalid sequence set
        'a1 FETCH 1, FLAGS'                       | a1   | Invalid sequence set
        'a1 FETCH x FLAGS'                        | a1   | Invalid sequence set
        'a1 FETCH 1 FOO'                          | a1   | Unknown FETCH item FOO
        'a1 FETCH 1 (FLAGS'                       | a1   | Missing argument
        'a1 FETCH 1 BODY[HEADER.FIELDS]'          | a1   | Expected space
        'a1 FETCH 1 BODY[FOO]'                    | a1   | Invalid section FOO
        'a1 FETCH 1 BODY[MIME]'                   | a1   | MIME section needs a part number
        'a1 FETCH 1 BODY[1.0]'                    | a1   | Invalid section part
        'a1 FETCH 1 BODY[TEXT'                    | a1   | Missing "]" after section
        'a1 FETCH 1 BODY[]<5>'                    | a1   | Expected partial length
        'a1 FETCH 1 BODY[]<5.0>'                  | a1   | Invalid partial length
        'a1 FETCH 1 FLAGS (VANISHED)'             | a1   | Unknown FETCH modifier VANISHED
        'a1 UID FETCH 1 FLAGS (VANISHED)'         | a1   | VANISHED needs CHANGEDSINCE
        'a1 STORE 1 FLAGS'                        | a1   | Missing argument
        'a1 STORE 1 +FLOGS \\Seen'                | a1   | Unknown store item FLOGS
        'a1 STORE 1 FLAGS (\\Seen'                | a1   | Missing argument
        'a1 STORE 1 (FOO 1) FLAGS \\Seen'         | a1   | Unknown STORE modifier FOO
        'a1 COPY 1'                               | a1   | Missing argument
        'a1 UID'                                  | a1   | Missing argument
        'a1 UID FROB 1'                           | a1   | Unknown UID command FROB
        'a1 UID EXPUNGE'                          | a1   | Missing argument
        'a1 SEARCH'                               | a1   | Missing argument
        'a1 SEARCH FOO'                           | a1   | Unknown search key FOO
        'a1 SEARCH BEFORE 1-Jan'                  | a1   | Invalid date 1-Jan
        'a1 SEARCH ON 31-Feb-2020'                | a1   | Invalid date 31-Feb-2020
        'a1 SEARCH OR SEEN'                       | a1   | Missing argument
        'a1 SEARCH (SEEN'                         | a1   | Missing argument
        'a1 SEARCH LARGER x'                      | a1   | Invalid size
        'a1 SEARCH RETURN (BIG) ALL'              | a1   | Unknown SEARCH RETURN option BIG
        'a1 SEARCH HEADER Subject'                | a1   | Missing argument
        'a1 SEARCH MODSEQ "/flags/\\\\draft" bad 5' | a1 | Invalid MODSEQ entry type bad
        'a1 SORT (FOO) UTF-8 ALL'                 | a1   | Unknown sort criterion FOO
        'a1 SORT (DATE) UTF-8'                    | a1   | Missing argument
        'a1 THREAD REFERENCES'                    | a1   | Missing argument
        'a1 ENABLE'                               | a1   | Missing argument
        'a1 ID foo'                               | a1   | Invalid ID parameters
        'a1 ID ("name")'                          | a1   | Expected space
        'a1 AUTHENTICATE'                         | a1   | Missing argument
        'a1 AUTHENTICATE PLAIN a$b'               | a1   | Unexpected extra arguments
        'a1 LOGIN {5 {1}\\r\\nx'                    | a1   | Invalid literal
        'a1 LOGIN ~{1}\\r\\nx y'                    | a1   | Binary literal not allowed for user name
        'a1 LOGIN a b {1}\\r\\nx'                   | a1   | Unexpected extra arguments
        'a1 APPEND INBOX {1+}\\r\\nx y'             | a1   | Expected message literal
        'a1 LOGIN "a<NUL>" b'                      | a1   | Invalid character in quoted string
        """)
    void malformed(String input, String tag, String message) {
        String wire = input.replace("\\r\\n", "\r\n").replace("<NUL>", "\0");
        assertEquals(new ParseError(tag, message), Frames.parse(wire));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        a1 SEARCH NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT SEEN
        """)
    void deepNestingIsRefused(String input) {
        assertEquals(new ParseError("a1", "Search key nesting too deep"), Frames.parse(input));
    }
}
