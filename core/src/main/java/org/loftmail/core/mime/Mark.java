package org.loftmail.core.mime;

/**
 * A position in the raw message together with the line-ending counts before it, so the octet
 * count "as sent" (bare LF counted as CRLF) and the line count of any range are two subtractions.
 *
 * @param offset physical byte offset
 * @param lines  LF bytes before {@code offset}
 * @param bareLf LF bytes not preceded by CR before {@code offset}
 */
record Mark(long offset, long lines, long bareLf) {
    /** Offset as if every bare LF had been a CRLF. */
    long virtual() {
        return offset + bareLf;
    }
}
