package org.loftmail.core.mime;

import java.io.InputStream;
import java.util.Optional;

/**
 * The Content-Transfer-Encodings of RFC 2045 section 6 and how to undo them as a stream: one
 * mapping from the header value for everything that reads content (IMAP FETCH BINARY, SEARCH
 * BODY and TEXT).
 */
public enum TransferEncoding {
    /** 7bit and 8bit: text, whose lines end in CRLF once sent. */
    IDENTITY,
    /** binary: any octets, line ends included, to be taken as they are. */
    BINARY,
    BASE64,
    QUOTED_PRINTABLE;

    /**
     * The mechanism a Content-Transfer-Encoding field value names (its leading token, any case;
     * comments and parameters ignored); no field or an empty value means 7bit (RFC 2045
     * section 6.1). Empty for a mechanism nothing here can undo, such as x-uuencode: callers
     * differ on what that means.
     *
     * @param value the raw field value, unfolded or not; null when the part has no such field
     */
    public static Optional<TransferEncoding> of(String value) {
        return switch (HeaderDecoding.token(value)) {
            case "", "7bit", "8bit" -> Optional.of(IDENTITY);
            case "binary" -> Optional.of(BINARY);
            case "base64" -> Optional.of(BASE64);
            case "quoted-printable" -> Optional.of(QUOTED_PRINTABLE);
            default -> Optional.empty();
        };
    }

    /**
     * {@code encoded} with this encoding undone, streaming with bounded memory; closing the result
     * closes {@code encoded}. The identity encodings return {@code encoded} itself.
     */
    public InputStream decode(InputStream encoded) {
        return switch (this) {
            case IDENTITY, BINARY -> encoded;
            case BASE64 -> new Base64InputStream(encoded);
            case QUOTED_PRINTABLE -> new QuotedPrintableInputStream(encoded);
        };
    }
}
