package org.loftmail.dbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobVisitor;

/**
 * Walks one file record by record. Bad bytes are data, not errors: a stretch that is not a valid
 * record is reported once and the walk resumes at the next offset where a record magic starts a
 * header whose CRC checks out. A record with a valid header but a bad body is skipped whole,
 * because its length is trustworthy and its body may contain record-like bytes.
 */
final class DboxScanner {
    private static final int CHUNK = 64 * 1024;

    private final DboxFile file;
    private final long end;
    private final BlobVisitor visitor;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    private long badStart = -1;
    private String badReason;

    /** Scans {@code file} up to {@code end} (the bytes known to hold complete writes). */
    DboxScanner(DboxFile file, long end, BlobVisitor visitor) {
        this.file = file;
        this.end = end;
        this.visitor = visitor;
    }

    void run() {
        try {
            walk();
        } catch (IOException e) {
            throw StorageException.io("scanning m." + file.number(), e);
        }
    }

    private void walk() throws IOException {
        if (end == 0) {
            return;
        }
        long pos = DboxRecordFormat.FILE_HEADER_SIZE;
        String why = end < pos ? "file shorter than its header"
                : DboxRecordFormat.checkFileHeader(file.read(0, DboxRecordFormat.FILE_HEADER_SIZE), file.number());
        if (why != null) {
            bad(0, why);
            pos = findMagic(1);
        }
        while (pos < end) {
            long next = tryRecord(pos);
            pos = next > pos ? next : findMagic(pos + 1);
        }
        flushBad(end);
    }

    /** Handles a record at {@code pos}; returns the offset after it, or {@code pos} if there is none. */
    private long tryRecord(long pos) throws IOException {
        if (end - pos < DboxRecordFormat.RECORD_HEADER_SIZE) {
            bad(pos, "truncated record header");
            return pos;
        }
        ByteBuffer header = file.read(pos, DboxRecordFormat.RECORD_HEADER_SIZE);
        DboxRecordFormat.Header h = DboxRecordFormat.parseHeader(header);
        if (h == null) {
            bad(pos, "no valid record header");
            return pos;
        }
        long metaPos = pos + DboxRecordFormat.RECORD_HEADER_SIZE;
        if (end - metaPos < h.metaLen()) {
            bad(pos, "truncated record metadata");
            return pos;
        }
        ByteBuffer meta = file.read(metaPos, h.metaLen());
        if (!DboxRecordFormat.headerCrcOk(header, meta, h)) {
            bad(pos, "record header checksum mismatch");
            return pos;
        }
        long length = h.recordLength();
        if (length > end - pos) {
            flushBad(pos);
            visitor.corrupt(file.number(), pos, end - pos, "truncated record: needs " + length + " bytes");
            return end;
        }
        long bodyPos = metaPos + h.metaLen();
        if (h.type() == DboxRecordFormat.MESSAGE && bodyCrc(bodyPos, h.bodyLen()) != h.bodyCrc()) {
            flushBad(pos);
            visitor.corrupt(file.number(), pos, length, "message body checksum mismatch");
            return pos + length;
        }
        BlobRecord record;
        try {
            MessageContent body = new ChannelContent(file.channel(), bodyPos, h.bodyLen());
            record = DboxRecordFormat.decode(h, meta, body);
        } catch (RuntimeException e) {
            flushBad(pos);
            visitor.corrupt(file.number(), pos, length, "undecodable metadata: " + e.getMessage());
            return pos + length;
        }
        flushBad(pos);
        visitor.record(new BlobLocation(file.number(), pos, length), record);
        return pos + length;
    }

    private int bodyCrc(long pos, long len) throws IOException {
        CRC32C crc = new CRC32C();
        long done = 0;
        while (done < len) {
            chunk.clear().limit((int) Math.min(CHUNK, len - done));
            file.readFully(chunk, pos + done);
            done += chunk.flip().remaining();
            crc.update(chunk);
        }
        return (int) crc.getValue();
    }

    /** The next offset at or after {@code from} where the record magic starts, or {@code end}. */
    private long findMagic(long from) throws IOException {
        long pos = from;
        while (end - pos >= 4) {
            chunk.clear().limit((int) Math.min(CHUNK, end - pos));
            file.readFully(chunk, pos);
            chunk.flip();
            int last = chunk.limit() - 4;
            for (int i = 0; i <= last; i++) {
                if (chunk.getInt(i) == DboxRecordFormat.RECORD_MAGIC) {
                    return pos + i;
                }
            }
            // Overlap by three bytes so a magic split across chunks is still found.
            pos += last + 1;
        }
        return end;
    }

    private void bad(long pos, String reason) {
        if (badStart < 0) {
            badStart = pos;
            badReason = reason;
        }
    }

    private void flushBad(long upTo) {
        if (badStart >= 0) {
            visitor.corrupt(file.number(), badStart, upTo - badStart, badReason);
            badStart = -1;
        }
    }
}
