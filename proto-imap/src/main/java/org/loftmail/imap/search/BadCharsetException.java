package org.loftmail.imap.search;

import java.util.List;

/**
 * SEARCH named a CHARSET we do not take; the session answers
 * {@code NO [BADCHARSET (UTF-8 US-ASCII)]} (RFC 3501 section 6.4.4) listing {@link #supported()}.
 */
public final class BadCharsetException extends RuntimeException {
    private final String charset;

    public BadCharsetException(String charset) {
        super("unsupported search charset: " + charset);
        this.charset = charset;
    }

    /** The charset as the client wrote it. */
    public String charset() {
        return charset;
    }

    /** What to list in the BADCHARSET response code. */
    public List<String> supported() {
        return SearchEvaluator.CHARSETS;
    }
}
