package org.loftmail.dbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobRecord;

/**
 * The byte layout of {@code m.<n>} files (see {@code docs/dbox-format.md}). All integers are
 * big-endian. Encoding and decoding only: no I/O here.
 */
final class DboxRecordFormat {
    /** PNG-style: a high byte catches 7-bit transfers, CR LF and ^Z catch newline mangling. */
    static final byte[] FILE_MAGIC = {(byte) 0x89, 'L', 'D', 'B', 'X', '\r', '\n', 0x1a};
    static final short FILE_VERSION = 1;
    static final int FILE_HEADER_SIZE = 20;

    /** 0xF5 never occurs in UTF-8 text, so the magic rarely shows up inside a mail body. */
    static final int RECORD_MAGIC = 0xF552_4543;
    static final byte RECORD_VERSION = 1;
    static final int RECORD_HEADER_SIZE = 28;
    /** Header CRC covers bytes 0..23 of the header, then the metadata. */
    static final int HEADER_CRC_OFFSET = 24;
    static final int MAX_META = 1 << 20;

    static final byte MESSAGE = 1;
    static final byte PLACEMENT = 2;
    static final byte EXPUNGE = 3;

    private static final int REF_META_SIZE = 16 + 16 + 8;
    private static final int MESSAGE_FIXED_META = REF_META_SIZE + 8 + 8 + 1 + 2;

    private DboxRecordFormat() {
    }

    /** The fixed fields of a record header; the header CRC is checked separately. */
    record Header(byte type, int metaLen, long bodyLen, int bodyCrc, int headerCrc) {
        long recordLength() {
            return RECORD_HEADER_SIZE + (long) metaLen + bodyLen;
        }
    }

    static ByteBuffer fileHeader(int fileNumber) {
        ByteBuffer b = ByteBuffer.allocate(FILE_HEADER_SIZE);
        b.put(FILE_MAGIC).putShort(FILE_VERSION).putShort((short) FILE_HEADER_SIZE).putInt(fileNumber);
        b.putInt(crc(b.array(), 0, 16));
        return b.flip();
    }

    /** Why {@code b} (FILE_HEADER_SIZE bytes) is not a valid header of file {@code fileNumber}, or null. */
    static String checkFileHeader(ByteBuffer b, int fileNumber) {
        byte[] a = new byte[FILE_HEADER_SIZE];
        b.duplicate().get(a);
        ByteBuffer w = ByteBuffer.wrap(a);
        for (byte m : FILE_MAGIC) {
            if (w.get() != m) {
                return "bad file magic";
            }
        }
        short version = w.getShort();
        short len = w.getShort();
        int number = w.getInt();
        if (w.getInt() != crc(a, 0, 16)) {
            return "file header checksum mismatch";
        }
        if (version != FILE_VERSION || len != FILE_HEADER_SIZE) {
            return "unsupported file version " + version;
        }
        return number == fileNumber ? null : "file header names file " + number;
    }

    /**
     * The header at the buffer's position (RECORD_HEADER_SIZE bytes), or null if its magic or
     * fields are impossible. Does not move the position.
     */
    static Header parseHeader(ByteBuffer b) {
        int p = b.position();
        if (b.getInt(p) != RECORD_MAGIC || b.get(p + 5) != RECORD_VERSION || b.getShort(p + 6) != 0) {
            return null;
        }
        byte type = b.get(p + 4);
        int metaLen = b.getInt(p + 8);
        long bodyLen = b.getLong(p + 12);
        boolean ok = switch (type) {
            case MESSAGE -> metaLen >= MESSAGE_FIXED_META && metaLen <= MAX_META && bodyLen >= 0;
            case PLACEMENT, EXPUNGE -> metaLen == REF_META_SIZE && bodyLen == 0;
            default -> false;
        };
        return ok ? new Header(type, metaLen, bodyLen, b.getInt(p + 20), b.getInt(p + HEADER_CRC_OFFSET)) : null;
    }

    /** True if the header CRC matches; {@code header} and {@code meta} are read from their positions. */
    static boolean headerCrcOk(ByteBuffer header, ByteBuffer meta, Header h) {
        return headerCrc(header, meta) == h.headerCrc();
    }

    private static int headerCrc(ByteBuffer header, ByteBuffer meta) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().limit(header.position() + HEADER_CRC_OFFSET));
        crc.update(meta.duplicate());
        return (int) crc.getValue();
    }

    static byte type(BlobRecord r) {
        if (r instanceof BlobRecord.Message) {
            return MESSAGE;
        }
        return r instanceof BlobRecord.Placement ? PLACEMENT : EXPUNGE;
    }

    static ByteBuffer encodeMeta(BlobRecord r) {
        if (!(r instanceof BlobRecord.Message m)) {
            return putRef(ByteBuffer.allocate(REF_META_SIZE), r).flip();
        }
        int size = MESSAGE_FIXED_META;
        for (String k : m.flags().keywords()) {
            size += 1 + k.length();
        }
        if (size > MAX_META || m.flags().keywords().size() > 0xffff) {
            throw new IllegalArgumentException("too many keywords");
        }
        ByteBuffer b = putRef(ByteBuffer.allocate(size), r);
        b.putLong(m.receivedDate()).putLong(m.virtualSize()).put((byte) m.flags().system());
        b.putShort((short) m.flags().keywords().size());
        for (String k : m.flags().keywords()) {
            // Flags guarantees 1..250 printable ASCII characters.
            b.put((byte) k.length()).put(k.getBytes(StandardCharsets.US_ASCII));
        }
        return b.flip();
    }

    private static ByteBuffer putRef(ByteBuffer b, BlobRecord r) {
        return b.putLong(r.guid().hi()).putLong(r.guid().lo())
                .putLong(r.mailbox().hi()).putLong(r.mailbox().lo()).putLong(r.uid());
    }

    /** The complete header for a record whose metadata and body CRC are known. */
    static ByteBuffer encodeHeader(byte type, ByteBuffer meta, long bodyLen, int bodyCrc) {
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER_SIZE);
        b.putInt(RECORD_MAGIC).put(type).put(RECORD_VERSION).putShort((short) 0)
                .putInt(meta.remaining()).putLong(bodyLen).putInt(bodyCrc);
        b.position(0);
        int crc = headerCrc(b, meta);
        return b.putInt(HEADER_CRC_OFFSET, crc);
    }

    /**
     * The record described by {@code h} and its metadata; {@code body} is the message content
     * (ignored for other types). Throws IllegalArgumentException on impossible metadata.
     */
    static BlobRecord decode(Header h, ByteBuffer meta, MessageContent body) {
        ByteBuffer b = meta.duplicate();
        MessageGuid guid = new MessageGuid(b.getLong(), b.getLong());
        MailboxGuid mailbox = new MailboxGuid(b.getLong(), b.getLong());
        long uid = b.getLong();
        switch (h.type()) {
            case PLACEMENT:
                return new BlobRecord.Placement(guid, mailbox, uid);
            case EXPUNGE:
                return new BlobRecord.Expunge(guid, mailbox, uid);
            default:
                break;
        }
        long received = b.getLong();
        long vsize = b.getLong();
        int system = b.get() & 0xff;
        int count = b.getShort() & 0xffff;
        Set<String> keywords = new HashSet<>();
        for (int i = 0; i < count; i++) {
            byte[] k = new byte[b.get() & 0xff];
            b.get(k);
            keywords.add(new String(k, StandardCharsets.US_ASCII));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("trailing metadata bytes");
        }
        return new BlobRecord.Message(guid, mailbox, uid, received, vsize, new Flags(system, keywords), body);
    }

    static int crc(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return (int) c.getValue();
    }
}
