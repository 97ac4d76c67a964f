package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.model.MessageContent;

/**
 * A physical byte range of a message (a header, a body, the whole message) and its size as IMAP
 * sends it.
 *
 * @param start       first stored octet
 * @param end         one past the last stored octet
 * @param virtualSize octets once every bare LF is a CRLF
 */
record MessageRange(MessageContent content, long start, long end, long virtualSize, CrlfInputStream.Mode mode)
        implements Octets {

    /** A part's header, blank line included. */
    static MessageRange header(MessageContent content, MimePart part, CrlfInputStream.Mode mode) {
        return new MessageRange(content, part.headerOffset(), part.bodyOffset(), part.headerVirtualSize(), mode);
    }

    /** A part's body. */
    static MessageRange body(MessageContent content, MimePart part, CrlfInputStream.Mode mode) {
        return new MessageRange(content, part.bodyOffset(), part.endOffset(), part.bodyVirtualSize(), mode);
    }

    @Override
    public long size() {
        return mode == CrlfInputStream.Mode.RAW ? end - start : virtualSize;
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
        InputStream raw = content.openStream();
        try {
            raw.skipNBytes(start);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        boolean bareLf = virtualSize != end - start;
        return WindowInputStream.of(new CrlfInputStream(raw, end - start, mode, bareLf), offset, length);
    }
}
