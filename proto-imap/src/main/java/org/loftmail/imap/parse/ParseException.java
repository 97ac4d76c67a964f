package org.loftmail.imap.parse;

/** Internal unwinding from deep in the grammar; {@link ImapParser} turns it into a ParseError. */
final class ParseException extends RuntimeException {
    ParseException(String message) {
        super(message, null, false, false);
    }
}
