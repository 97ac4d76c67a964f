package org.loftmail.core.mime;

import java.util.List;

/**
 * Where one MIME part lies in the raw message, for BODY[section], BODY[section.HEADER/.TEXT/.MIME]
 * and BINARY without reparsing. Offsets are physical; the "virtual" sizes count every bare LF as
 * CRLF, which is what IMAP sends.
 *
 * <p>The tree mirrors the message: a {@link Kind#MULTIPART} part's {@link #parts()} are its body
 * parts; a {@link Kind#MESSAGE} part (message/rfc822) has exactly one child, the encapsulated
 * message, whose header/body offsets give that section's HEADER and TEXT. {@link #section()} is
 * the IMAP section number ("" for the whole message; an encapsulated message shares the number
 * of its message/rfc822 part).
 *
 * @param section           IMAP section number, e.g. "2.1"; "" for the message itself
 * @param kind              single part, multipart, or message/rfc822 with an encapsulated message
 * @param headerOffset      first byte of the part's MIME header (of the message header for the root)
 * @param bodyOffset        first byte of the body (after the blank line that ends the header)
 * @param endOffset         one past the last body byte (the line ending before a boundary excluded)
 * @param headerVirtualSize octets of the header, blank line included, as sent
 * @param bodyVirtualSize   octets of the body as sent
 * @param bodyLines         lines of the body (LF count, as BODYSTRUCTURE reports)
 * @param parts             children, see above
 */
public record MimePart(String section, Kind kind, long headerOffset, long bodyOffset, long endOffset,
                       long headerVirtualSize, long bodyVirtualSize, long bodyLines, List<MimePart> parts) {

    /** What a part contains. */
    public enum Kind { SINGLE, MULTIPART, MESSAGE }

    public MimePart {
        parts = List.copyOf(parts);
    }

    /**
     * Resolves an IMAP section number ("1.2.3", or "" for the whole message) from the message
     * root, following RFC 3501 section 6.4.5: in a non-multipart message, part 1 is the message's
     * body itself; a number after a message/rfc822 part counts in the encapsulated message.
     * Returns null when the message has no such part. For {@code n.HEADER}/{@code n.TEXT} of a
     * message/rfc822 part, use its single child.
     */
    public MimePart find(String sectionNumber) {
        if (sectionNumber.isEmpty()) {
            return this;
        }
        MimePart cur = this;
        boolean first = true;
        for (String s : sectionNumber.split("\\.", -1)) {
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!first) {
                if (cur.kind == Kind.SINGLE) {
                    return null;
                }
                if (cur.kind == Kind.MESSAGE) {
                    cur = cur.parts.get(0);
                }
            }
            first = false;
            if (cur.kind == Kind.MULTIPART) {
                if (n < 1 || n > cur.parts.size()) {
                    return null;
                }
                cur = cur.parts.get(n - 1);
            } else if (n != 1) {
                return null;
            }
        }
        return cur;
    }
}
