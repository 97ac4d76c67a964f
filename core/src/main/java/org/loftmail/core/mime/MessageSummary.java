package org.loftmail.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.loftmail.core.model.MessageContent;

/**
 * Everything IMAP needs about a message that can be computed once at save time, so FETCH
 * ENVELOPE/BODYSTRUCTURE, SORT and THREAD never reopen the message.
 *
 * <p>STUB: sizes are real; envelope, body structure and keys are placeholders until the MIME
 * parser lands. The public signatures are the contract.
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

    private MessageSummary(long physicalSize, long virtualSize, long headerSize, String envelope,
                           String bodyStructure, String body, SortKeys sortKeys, ThreadKeys threadKeys) {
        this.physicalSize = physicalSize;
        this.virtualSize = virtualSize;
        this.headerSize = headerSize;
        this.envelope = envelope;
        this.bodyStructure = bodyStructure;
        this.body = body;
        this.sortKeys = sortKeys;
        this.threadKeys = threadKeys;
    }

    /** Parses a message. {@code internalDate} (epoch millis) is the SORT DATE fallback. */
    public static MessageSummary parse(MessageContent content, long internalDate) {
        long physical = 0;
        long virtual = 0;
        long header = -1;
        try (InputStream in = content.openStream()) {
            byte[] buf = new byte[65536];
            int prev = -1;
            int lineLen = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int c = buf[i] & 0xff;
                    physical++;
                    virtual++;
                    if (c == '\n') {
                        if (prev != '\r') {
                            virtual++;
                        }
                        if (header < 0 && lineLen == 0) {
                            header = physical;
                        }
                        lineLen = 0;
                    } else if (c != '\r') {
                        lineLen++;
                    }
                    prev = c;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MessageSummary(physical, virtual, header < 0 ? physical : header, "NIL", "NIL", "NIL",
                new SortKeys("", "", "", "", "", "", internalDate),
                new ThreadKeys("", "", List.of(), "", false));
    }

    /** Size in bytes as stored. */
    public long physicalSize() {
        return physicalSize;
    }

    /** RFC822.SIZE: the size with every line ending counted as CRLF. */
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

    /** A compact, versioned binary form for the index's summary cache. */
    public byte[] toBytes() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(0);
            out.writeLong(physicalSize);
            out.writeLong(virtualSize);
            out.writeLong(headerSize);
            out.writeUTF(envelope);
            out.writeUTF(bodyStructure);
            out.writeUTF(body);
            out.writeUTF(sortKeys.baseSubject());
            out.writeLong(sortKeys.sentDate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    public static MessageSummary fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            long p = in.readLong();
            long v = in.readLong();
            long h = in.readLong();
            String env = in.readUTF();
            String bs = in.readUTF();
            String b = in.readUTF();
            String subj = in.readUTF();
            long date = in.readLong();
            return new MessageSummary(p, v, h, env, bs, b, new SortKeys(subj, "", "", "", "", "", date),
                    new ThreadKeys("", "", List.of(), subj, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
