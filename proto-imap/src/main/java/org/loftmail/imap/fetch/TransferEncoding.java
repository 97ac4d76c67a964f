package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.model.MessageContent;

/** The Content-Transfer-Encodings BINARY can undo (RFC 3516), and how. */
enum TransferEncoding {
    /** 7bit and 8bit: text, sent with CRLF line ends like BODY[]. */
    IDENTITY,
    /** binary: the stored octets, which may hold any LF, so nothing is converted. */
    BINARY,
    BASE64,
    QUOTED_PRINTABLE;

    private static final String FIELD = "Content-Transfer-Encoding";
    /** More than any real Content-Transfer-Encoding field; the rest of a hostile one is ignored. */
    private static final int MAX_FIELD = 4096;

    /** Reads the Content-Transfer-Encoding field of {@code part}'s own header. */
    static TransferEncoding of(MessageContent content, MimePart part) throws IOException {
        MessageRange header = MessageRange.header(content, part, CrlfInputStream.Mode.TEXT);
        byte[] field;
        try (InputStream in = new HeaderFieldFilter(header.open(0, Long.MAX_VALUE), List.of(FIELD), false)) {
            field = in.readNBytes(MAX_FIELD);
        }
        return of(value(new String(field, StandardCharsets.ISO_8859_1)));
    }

    /** The mechanism named by a field value; no value means 7bit (RFC 2045 section 6.1). */
    static TransferEncoding of(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "7bit", "8bit" -> IDENTITY;
            case "binary" -> BINARY;
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            default -> throw new UnknownCteException("Unknown Content-Transfer-Encoding " + value);
        };
    }

    /**
     * The token of the first field in {@code fields} ("Name: value CRLF", folded or not, more
     * fields may follow): the value without comments or white space.
     */
    static String value(String fields) {
        int colon = fields.indexOf(':');
        if (colon < 0) {
            return "";
        }
        StringBuilder token = new StringBuilder();
        int depth = 0;
        for (int i = colon + 1; i < fields.length(); i++) {
            char c = fields.charAt(i);
            boolean lineEnd = c == '\n' && (i + 1 == fields.length()
                    || (fields.charAt(i + 1) != ' ' && fields.charAt(i + 1) != '\t'));
            if (lineEnd) {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth > 0) {
                continue;
            } else if (c > ' ' && c < 0x7f && "<>@,;:\\\"/[]?=".indexOf(c) < 0) {
                token.append(c);
            } else if (token.length() > 0) {
                // The token ended; parameters or junk after it do not change the mechanism.
                break;
            }
        }
        return token.toString();
    }

    /** {@code part}'s content with this encoding undone. */
    Octets decode(MessageContent content, MimePart part) {
        // Line ends are not in the base64 alphabet, so base64 needs no CRLF conversion.
        MessageRange body = MessageRange.body(content, part,
                this == IDENTITY || this == QUOTED_PRINTABLE ? CrlfInputStream.Mode.TEXT : CrlfInputStream.Mode.RAW);
        return switch (this) {
            case IDENTITY, BINARY -> body;
            case BASE64 -> Octets.unsized(() -> new Base64DecoderStream(body.open(0, Long.MAX_VALUE)));
            case QUOTED_PRINTABLE ->
                    Octets.unsized(() -> new QuotedPrintableDecoderStream(body.open(0, Long.MAX_VALUE)));
        };
    }
}
