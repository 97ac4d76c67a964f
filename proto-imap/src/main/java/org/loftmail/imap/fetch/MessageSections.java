package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.mime.MimePart;
import org.loftmail.imap.fetch.CrlfInputStream.Mode;
import org.loftmail.imap.message.MessageAccess;
import org.loftmail.imap.parse.FetchAttribute;

/**
 * Finds what BODY[section] and BINARY[part] name in one message (RFC 3501 section 6.4.5,
 * RFC 3516), through core's part tree, so nothing is parsed again. Touches the summary and the
 * content only when a section is asked for.
 *
 * <p>A section that does not exist, and HEADER or TEXT of a part that is not message/rfc822, are
 * {@link Octets#EMPTY}: Dovecot answers them with an empty literal {@code {0}}, not NIL or an
 * error, and clients are used to that. MIME of a message/rfc822 part is its MIME header, and
 * {@code 1.MIME} of a single-part message is the message header, as in Dovecot.
 */
final class MessageSections {
    private final MessageAccess message;
    /** BINARY parts already resolved, so a check before writing costs no second header read. */
    private final Map<List<Integer>, Octets> binaries = new HashMap<>();

    MessageSections(MessageAccess message) {
        this.message = message;
    }

    /** The whole message: BODY[], RFC822. */
    Octets whole() {
        MessageSummary summary = message.summary();
        return new MessageRange(message.content(), 0, summary.physicalSize(), summary.virtualSize(), Mode.LITERAL);
    }

    Octets body(FetchAttribute.Section section) {
        MimePart root = message.summary().rootPart();
        FetchAttribute.SectionText text = section.text();
        if (section.part().isEmpty()) {
            return text == FetchAttribute.SectionText.NONE ? whole() : ofMessage(root, section);
        }
        MimePart part = root.find(ItemNames.partNumber(section.part()));
        if (part == null) {
            return Octets.EMPTY;
        }
        switch (text) {
            case NONE:
                return MessageRange.body(message.content(), part, Mode.LITERAL);
            case MIME:
                return MessageRange.header(message.content(), part, Mode.LITERAL);
            default:
                return part.kind() == MimePart.Kind.MESSAGE ? ofMessage(part.parts().get(0), section) : Octets.EMPTY;
        }
    }

    /** HEADER, HEADER.FIELDS[.NOT] or TEXT of a message (the root or one a message/rfc822 part holds). */
    private Octets ofMessage(MimePart m, FetchAttribute.Section section) {
        MessageRange header = MessageRange.header(message.content(), m, Mode.LITERAL);
        switch (section.text()) {
            case TEXT:
                return MessageRange.body(message.content(), m, Mode.LITERAL);
            case HEADER_FIELDS:
            case HEADER_FIELDS_NOT: {
                boolean exclude = section.text() == FetchAttribute.SectionText.HEADER_FIELDS_NOT;
                return Octets.unsized(
                        () -> new HeaderFieldFilter(header.open(0, Long.MAX_VALUE), section.fields(), exclude));
            }
            default:
                // HEADER, and MIME, which the parser refuses without a part number.
                return header;
        }
    }

    /**
     * BINARY[part]: the part's content with its Content-Transfer-Encoding undone; for the empty
     * part, the message header and the decoded body.
     *
     * @throws UnknownCteException for an unknown encoding or a multipart
     */
    Octets binary(List<Integer> part) {
        Octets known = binaries.get(part);
        if (known == null) {
            known = resolveBinary(part);
            binaries.put(List.copyOf(part), known);
        }
        return known;
    }

    private Octets resolveBinary(List<Integer> number) {
        MimePart root = message.summary().rootPart();
        MimePart part = number.isEmpty() ? root : root.find(ItemNames.partNumber(number));
        if (part == null) {
            return Octets.EMPTY;
        }
        if (part.kind() == MimePart.Kind.MULTIPART) {
            throw new UnknownCteException("BINARY[" + ItemNames.partNumber(number) + "] is a multipart");
        }
        Octets decoded;
        try {
            decoded = BinaryContent.of(message.content(), part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!number.isEmpty()) {
            return decoded;
        }
        return concat(MessageRange.header(message.content(), root, Mode.TEXT), decoded);
    }

    private static Octets concat(Octets first, Octets second) {
        return Octets.unsized(() -> {
            InputStream in = first.open(0, Long.MAX_VALUE);
            try {
                return new SequenceInputStream(in, second.open(0, Long.MAX_VALUE));
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        });
    }
}
