package org.loftmail.imap.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.loftmail.core.mime.HeaderDecoding;
import org.loftmail.core.mime.MimePart;
import org.loftmail.core.mime.TransferEncoding;
import org.loftmail.core.model.MessageContent;

/**
 * One forward pass over a message for BODY and TEXT, guided by the summary's part offsets. Like
 * Dovecot, only text/* and message/* bodies are searched (an attached image or PDF is not text);
 * each is decoded from its transfer encoding and charset on the fly, so memory stays at a few
 * buffers whatever the message size. Header text (every header block, top-level, MIME part and
 * encapsulated message, each field decoded as "name: value") goes to TEXT needles only.
 * Preambles and epilogues of multiparts are not searched. The pass stops as soon as every needle
 * has matched.
 */
final class BodyScanner {
    private final OffsetInput in;
    private final NeedleSet needles;
    private final HeaderReader.FieldSink topHeader;

    private BodyScanner(OffsetInput in, NeedleSet needles, HeaderReader.FieldSink topHeader) {
        this.in = in;
        this.needles = needles;
        this.topHeader = topHeader;
    }

    /**
     * @param topHeader receives the top-level header's fields (always read in full), or null
     */
    static void scan(MessageContent content, MimePart root, NeedleSet needles, HeaderReader.FieldSink topHeader) {
        try (OffsetInput in = new OffsetInput(content.openStream())) {
            new BodyScanner(in, needles, topHeader).part(root, "text/plain", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void part(MimePart part, String defaultType, boolean top) throws IOException {
        in.skipTo(part.headerOffset());
        in.limit(part.bodyOffset());
        PartHeader header = new PartHeader(top ? topHeader : null);
        HeaderReader.read(in, header);
        if (needles.done()) {
            return;
        }
        String type = header.mediaType(defaultType);
        if (part.kind() == MimePart.Kind.MULTIPART) {
            // RFC 2046 section 5.1.5: parts of a digest default to message/rfc822.
            String childDefault = type.equals("multipart/digest") ? "message/rfc822" : "text/plain";
            for (MimePart child : part.parts()) {
                part(child, childDefault, false);
                if (needles.done()) {
                    return;
                }
            }
        } else if (part.kind() == MimePart.Kind.MESSAGE) {
            part(part.parts().get(0), "text/plain", false);
        } else if (type.startsWith("text/") || type.startsWith("message/")) {
            in.skipTo(part.bodyOffset());
            in.limit(part.endOffset());
            TextDecoder.forCharset(HeaderDecoding.parameter(header.contentType, "charset"))
                    .decode(header.encoding().decode(in), (chars, off, len) -> {
                        CaseFold.foldInPlace(chars, off, len);
                        needles.feed(chars, off, len, false);
                        return !needles.done();
                    });
            needles.endSegment();
        }
    }

    /** Keeps a part's Content-Type and transfer encoding and feeds its fields to TEXT needles. */
    private final class PartHeader implements HeaderReader.FieldSink {
        private final HeaderReader.FieldSink forward;
        String contentType;
        String transferEncoding;

        PartHeader(HeaderReader.FieldSink forward) {
            this.forward = forward;
        }

        @Override
        public void field(String name, String raw) {
            if (forward != null) {
                forward.field(name, raw);
            }
            if (name.equals("content-type") && contentType == null) {
                contentType = raw;
            } else if (name.equals("content-transfer-encoding") && transferEncoding == null) {
                transferEncoding = raw;
            }
            if (needles.wantsHeaders()) {
                needles.feed(CaseFold.fold(name + ": " + HeaderDecoding.decodeText(raw)), true);
                needles.endSegment();
            }
        }

        /** An encoding nothing here can undo is searched as stored: readable words in it still match. */
        TransferEncoding encoding() {
            return TransferEncoding.of(transferEncoding).orElse(TransferEncoding.IDENTITY);
        }

        /** The lower-cased type/subtype; the default when absent or unreadable, as core reads it. */
        String mediaType(String defaultType) {
            String token = HeaderDecoding.token(contentType);
            int slash = token.indexOf('/');
            return slash > 0 && slash < token.length() - 1 ? token : defaultType;
        }
    }
}
