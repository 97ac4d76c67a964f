package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.loftmail.core.model.MessageContent;

/**
 * Everything IMAP needs about a message that can be computed once at save time, so FETCH
 * ENVELOPE/BODYSTRUCTURE/BODY[section], SORT and THREAD never reparse the message.
 *
 * <p>The wire strings ({@link #envelope()}, {@link #bodyStructure()}, {@link #body()}) are byte
 * strings: each char is one octet (0-255), exactly the bytes to send, so write them with
 * {@link java.nio.charset.StandardCharsets#ISO_8859_1}; literal lengths count those octets. 8-bit
 * header bytes are sent as they are, in literals, like Dovecot.
 */
public final class MessageSummary {
    private final long physicalSize;
    private final long virtualSize;
    private final long headerSize;
    private final String envelope;
    private final String bodyStructure;
    private final String body;
    private final SortKeys sortKeys;
    private final ThreadKeys threadKeys;
    private final MimePart rootPart;

    MessageSummary(long physicalSize, long virtualSize, long headerSize, String envelope, String bodyStructure,
                   String body, SortKeys sortKeys, ThreadKeys threadKeys, MimePart rootPart) {
        this.physicalSize = physicalSize;
        this.virtualSize = virtualSize;
        this.headerSize = headerSize;
        this.envelope = envelope;
        this.bodyStructure = bodyStructure;
        this.body = body;
        this.sortKeys = sortKeys;
        this.threadKeys = threadKeys;
        this.rootPart = rootPart;
    }

    /**
     * Parses a message in one streaming pass; memory is bounded by the header fields kept, never
     * by the body. Malformed input never throws; only an I/O error reading {@code content}
     * propagates, as UncheckedIOException. {@code internalDate} (epoch millis) is the SORT DATE
     * fallback when the Date header is missing or unreadable.
     */
    public static MessageSummary parse(MessageContent content, long internalDate) {
        PartNode root;
        long physical;
        long virtual;
        try (InputStream in = content.openStream()) {
            LineReader reader = new LineReader(in);
            root = MimeParser.parse(reader);
            physical = reader.position().offset();
            virtual = reader.position().virtual();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BaseSubject.Result subject = KeyExtractor.subject(root.headers);
        return new MessageSummary(physical, virtual, root.bodyStart.offset(),
                EnvelopeRenderer.render(root.headers), BodyStructureWriter.write(root, true),
                BodyStructureWriter.write(root, false), KeyExtractor.sortKeys(root.headers, subject, internalDate),
                KeyExtractor.threadKeys(root.headers, subject), root.toMimePart());
    }

    /** Size in bytes as stored. */
    public long physicalSize() {
        return physicalSize;
    }

    /** RFC822.SIZE: the size with every bare LF counted as CRLF. */
    public long virtualSize() {
        return virtualSize;
    }

    /** Offset of the first body byte (after the blank line ending the header). */
    public long headerSize() {
        return headerSize;
    }

    /** The IMAP ENVELOPE as rendered on the wire (RFC 3501 section 7.4.2), starting with '('. */
    public String envelope() {
        return envelope;
    }

    /** The extensible BODYSTRUCTURE as rendered on the wire. */
    public String bodyStructure() {
        return bodyStructure;
    }

    /** The non-extensible BODY as rendered on the wire. */
    public String body() {
        return body;
    }

    public SortKeys sortKeys() {
        return sortKeys;
    }

    public ThreadKeys threadKeys() {
        return threadKeys;
    }

    /** The part tree with physical offsets, for BODY[section]; see {@link MimePart#find(String)}. */
    public MimePart rootPart() {
        return rootPart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageSummary m && physicalSize == m.physicalSize && virtualSize == m.virtualSize
                && headerSize == m.headerSize && envelope.equals(m.envelope) && bodyStructure.equals(m.bodyStructure)
                && body.equals(m.body) && sortKeys.equals(m.sortKeys) && threadKeys.equals(m.threadKeys)
                && rootPart.equals(m.rootPart);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(physicalSize, envelope, bodyStructure, sortKeys, threadKeys);
    }

    @Override
    public String toString() {
        return "MessageSummary[size=" + physicalSize + ", bodystructure=" + bodyStructure + "]";
    }

    /** A compact, versioned binary form for the index's summary cache (see {@link SummaryCodec}). */
    public byte[] toBytes() {
        return SummaryCodec.encode(this);
    }

    /** Reads {@link #toBytes()}; IllegalArgumentException for an unknown version or corrupt bytes. */
    public static MessageSummary fromBytes(byte[] bytes) {
        return SummaryCodec.decode(bytes);
    }
}
