package org.loftmail.imap.codec;

import java.util.List;

/**
 * Announces that the next {@link ImapLiteralChunk}s carry literal number {@code index} of the
 * command tagged {@code tag}. {@code linesSoFar} holds the command text up to the literal (the
 * last line ends with the {@code {n}} header), so a session can parse e.g. the APPEND mailbox
 * and open a spool target before the command is complete.
 */
public record LiteralStreamStart(String tag, List<String> linesSoFar, int index, long size,
                                 boolean binary) {
    public LiteralStreamStart {
        linesSoFar = List.copyOf(linesSoFar);
    }
}
