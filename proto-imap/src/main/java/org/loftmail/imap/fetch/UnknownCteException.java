package org.loftmail.imap.fetch;

/**
 * BINARY or BINARY.SIZE named a part whose content this server cannot decode: its
 * Content-Transfer-Encoding is unknown (RFC 3516 section 4.2 wants {@code NO [UNKNOWN-CTE]}),
 * or it is a multipart, which has no content of its own to decode and gets the same answer.
 * {@link FetchRenderer#render} throws it before it writes any octet of the response, so the
 * session can answer the command with a tagged NO.
 */
public final class UnknownCteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownCteException(String message) {
        super(message);
    }
}
