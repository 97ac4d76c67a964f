package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.loftmail.core.mime.HeaderDecoding;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.mime.TransferEncoding;
import org.loftmail.core.model.MessageContent;

/** BINARY[part] (RFC 3516): a part's content with its Content-Transfer-Encoding undone. */
final class BinaryContent {
    private static final String FIELD = "Content-Transfer-Encoding";
    /** More than any real Content-Transfer-Encoding field; the rest of a hostile one is ignored. */
    private static final int MAX_FIELD = 4096;

    private BinaryContent() {
    }

    /**
     * Reads the Content-Transfer-Encoding field of {@code part}'s own header and undoes it.
     *
     * @throws UnknownCteException for an encoding that cannot be undone
     */
    static Octets of(MessageContent content, MimePart part) throws IOException {
        MessageRange header = MessageRange.header(content, part, CrlfInputStream.Mode.TEXT);
        byte[] field;
        try (InputStream in = new HeaderFieldFilter(header.open(0, Long.MAX_VALUE), List.of(FIELD), false)) {
            field = in.readNBytes(MAX_FIELD);
        }
        TransferEncoding encoding = encoding(new String(field, StandardCharsets.ISO_8859_1));
        // IDENTITY is text and sent with CRLF like BODY[], so QP, which keeps line ends, gets CRLF
        // too; line ends are not in the base64 alphabet, and binary may hold any LF on purpose.
        boolean text = encoding == TransferEncoding.IDENTITY || encoding == TransferEncoding.QUOTED_PRINTABLE;
        MessageRange body = MessageRange.body(content, part,
                text ? CrlfInputStream.Mode.TEXT : CrlfInputStream.Mode.RAW);
        if (encoding == TransferEncoding.IDENTITY || encoding == TransferEncoding.BINARY) {
            return body;
        }
        return Octets.unsized(() -> encoding.decode(body.open(0, Long.MAX_VALUE)));
    }

    /**
     * The mechanism the first field in {@code fields} names ("Name: value CRLF", folded or not,
     * more fields may follow).
     *
     * @throws UnknownCteException for one that cannot be undone
     */
    static TransferEncoding encoding(String fields) {
        String value = value(fields);
        return TransferEncoding.of(value).orElseThrow(
                () -> new UnknownCteException("Unknown Content-Transfer-Encoding " + HeaderDecoding.token(value)));
    }

    /** The value of the first field: after its colon, up to the line end that no folding follows. */
    private static String value(String fields) {
        int colon = fields.indexOf(':');
        if (colon < 0) {
            return "";
        }
        int end = fields.indexOf('\n', colon);
        while (end >= 0 && end + 1 < fields.length()
                && (fields.charAt(end + 1) == ' ' || fields.charAt(end + 1) == '\t')) {
            end = fields.indexOf('\n', end + 1);
        }
        return fields.substring(colon + 1, end < 0 ? fields.length() : end);
    }
}
