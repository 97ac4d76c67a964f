package org.loftmail.imap.fetch;

import java.util.List;
import org.loftmail.core.mime.ImapStrings;
import org.loftmail.imap.parse.FetchAttribute;

/**
 * The names BODY[...], BINARY[...] and BINARY.SIZE[...] answer under (RFC 3501 section 7.4.2,
 * RFC 3516): the section as asked, PEEK dropped, a partial as its origin only
 * ({@code BODY[]<500>}), header field names upper-cased as Dovecot echoes them. Names are
 * strings of octets, one char each, as {@code FetchResponse.item} writes them.
 */
final class ItemNames {
    private ItemNames() {
    }

    static String body(FetchAttribute.Section section, FetchAttribute.Partial partial) {
        StringBuilder b = new StringBuilder("BODY[").append(partNumber(section.part()));
        if (section.text() != FetchAttribute.SectionText.NONE) {
            if (!section.part().isEmpty()) {
                b.append('.');
            }
            b.append(section.text().name().replace('_', '.'));
            if (!section.fields().isEmpty()) {
                b.append(" (");
                for (int i = 0; i < section.fields().size(); i++) {
                    if (i > 0) {
                        b.append(' ');
                    }
                    fieldName(b, HeaderFieldFilter.key(section.fields().get(i)));
                }
                b.append(')');
            }
        }
        return origin(b.append(']'), partial);
    }

    static String binary(List<Integer> part, FetchAttribute.Partial partial) {
        return origin(new StringBuilder("BINARY[").append(partNumber(part)).append(']'), partial);
    }

    static String binarySize(List<Integer> part) {
        return "BINARY.SIZE[" + partNumber(part) + "]";
    }

    /** "1.2.3"; "" for the message itself. */
    static String partNumber(List<Integer> part) {
        StringBuilder b = new StringBuilder();
        for (int n : part) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(n);
        }
        return b.toString();
    }

    private static String origin(StringBuilder b, FetchAttribute.Partial partial) {
        if (partial != null) {
            b.append('<').append(partial.offset()).append('>');
        }
        return b.toString();
    }

    /**
     * An astring as the client may have sent it: an atom when it is one, else a quoted string or
     * (CR, LF, NUL or 8-bit in it) a literal, so no name can break the response's framing.
     */
    private static void fieldName(StringBuilder b, String octets) {
        boolean atom = !octets.isEmpty();
        for (int i = 0; i < octets.length() && atom; i++) {
            char c = octets.charAt(i);
            atom = c > ' ' && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
        }
        if (atom) {
            b.append(octets);
        } else {
            ImapStrings.string(b, octets);
        }
    }
}
