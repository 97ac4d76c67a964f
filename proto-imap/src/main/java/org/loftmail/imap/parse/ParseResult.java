package org.loftmail.imap.parse;

/** What {@link ImapParser#parse} returns: a command or an error, never an exception. */
public sealed interface ParseResult permits ImapCommand, ParseError {
    /** The command's tag, or null when none could be read (answer untagged {@code * BAD}). */
    String tag();
}
