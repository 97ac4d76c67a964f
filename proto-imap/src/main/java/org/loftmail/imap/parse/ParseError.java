package org.loftmail.imap.parse;

/** A malformed command; the session answers {@code tag BAD message}. */
public record ParseError(String tag, String message) implements ParseResult {
}
