package org.loftmail.dbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;
import org.loftmail.core.store.spi.BlobStore;
import org.loftmail.core.store.spi.BlobVisitor;

/**
 * One user's dbox: append-only {@code <userDir>/storage/m.<n>} files plus the mailbox list.
 * Thread-safe. Opening reads only the directory listing and the size of the newest file.
 */
public final class DboxBlobStore implements BlobStore {
    /** Bodies up to this size in the file being appended to are copied rather than mapped. */
    private static final int SMALL_BODY = 256 * 1024;

    private final DboxFiles files;
    private final GroupCommit commit;
    private final DboxAppender appender;
    private final MailboxListFile mailboxList;
    private volatile boolean closed;

    public DboxBlobStore(Path userDir, DboxOptions options) {
        Path dir = userDir.resolve("storage");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (options.fsync()) {
                    DboxFiles.syncDir(userDir);
                }
            }
        } catch (IOException e) {
            throw StorageException.io("creating " + dir, e);
        }
        files = new DboxFiles(dir, options.fsync());
        commit = new GroupCommit(options.fsync());
        appender = new DboxAppender(files, options, commit);
        mailboxList = new MailboxListFile(dir, options.fsync());
    }

    public static BlobStore.Factory factory(DboxOptions options) {
        return userDir -> new DboxBlobStore(userDir, options);
    }

    /** Number of fsyncs of blob files so far; fewer than appends when callers shared them. */
    public long syncCount() {
        return commit.syncCount();
    }

    @Override
    public List<BlobLocation> append(List<? extends BlobRecord> records) {
        checkOpen();
        return appender.append(records);
    }

    @Override
    public MessageContent read(BlobLocation location) {
        checkOpen();
        DboxFile f = files.get(location.file());
        try {
            ByteBuffer map = location.file() < appender.currentNumber() ? f.sealedMapping() : null;
            return map != null ? readMapped(map, location) : readPositional(f, location);
        } catch (IOException e) {
            throw StorageException.io("reading " + location, e);
        }
    }

    private static MessageContent readMapped(ByteBuffer map, BlobLocation loc) throws IOException {
        checkBounds(loc, map.capacity());
        return record(map, (int) loc.offset(), loc);
    }

    /** The message of the record at {@code off} in {@code buf} (a file's mapping, or the record read alone). */
    private static MessageContent record(ByteBuffer buf, int off, BlobLocation loc) throws IOException {
        ByteBuffer header = buf.duplicate().position(off).limit(off + DboxRecordFormat.RECORD_HEADER_SIZE).slice();
        DboxRecordFormat.Header h = verify(header, loc, meta -> {
            if (DboxRecordFormat.RECORD_HEADER_SIZE + (long) meta > loc.length()) {
                throw corrupt(loc, "metadata runs past the record");
            }
            return buf.duplicate().position(off + DboxRecordFormat.RECORD_HEADER_SIZE)
                    .limit(off + DboxRecordFormat.RECORD_HEADER_SIZE + meta).slice();
        });
        if (h.bodyLen() > loc.length() - DboxRecordFormat.RECORD_HEADER_SIZE) {
            throw corrupt(loc, "body runs past the record");
        }
        int bodyPos = off + (int) (loc.length() - h.bodyLen());
        return MessageContent.of(buf.duplicate().position(bodyPos).limit(bodyPos + (int) h.bodyLen()));
    }

    private MessageContent readPositional(DboxFile f, BlobLocation loc) throws IOException {
        long size = f.number() == appender.currentNumber() ? appender.writePos() : f.size();
        checkBounds(loc, size);
        if (loc.length() <= SMALL_BODY) {
            // The whole record in one read: header, metadata and body.
            return record(f.read(loc.offset(), (int) loc.length()), 0, loc);
        }
        ByteBuffer header = f.read(loc.offset(), DboxRecordFormat.RECORD_HEADER_SIZE);
        DboxRecordFormat.Header h = verify(header, loc,
                len -> f.read(loc.offset() + DboxRecordFormat.RECORD_HEADER_SIZE, len));
        long bodyPos = loc.end() - h.bodyLen();
        if (h.bodyLen() <= Integer.MAX_VALUE) {
            return MessageContent.of(f.channel().map(FileChannel.MapMode.READ_ONLY, bodyPos, h.bodyLen()));
        }
        return new ChannelContent(f.channel(), bodyPos, h.bodyLen());
    }

    /** Reads the {@code len} metadata bytes that follow a header. */
    private interface MetaSource {
        ByteBuffer read(int len) throws IOException;
    }

    private static DboxRecordFormat.Header verify(ByteBuffer header, BlobLocation loc, MetaSource meta)
            throws IOException {
        DboxRecordFormat.Header h = DboxRecordFormat.parseHeader(header);
        if (h == null || h.type() != DboxRecordFormat.MESSAGE) {
            throw corrupt(loc, h == null ? "no valid record header" : "not a message record");
        }
        if (h.recordLength() != loc.length()) {
            throw corrupt(loc, "record length is " + h.recordLength());
        }
        if (!DboxRecordFormat.headerCrcOk(header, meta.read(h.metaLen()), h)) {
            throw corrupt(loc, "record header checksum mismatch");
        }
        return h;
    }

    private static void checkBounds(BlobLocation loc, long size) {
        if (loc.offset() < DboxRecordFormat.FILE_HEADER_SIZE || loc.length() < DboxRecordFormat.RECORD_HEADER_SIZE
                || loc.end() > size) {
            throw corrupt(loc, "outside the file's " + size + " bytes");
        }
    }

    private static StorageException corrupt(BlobLocation loc, String why) {
        return new StorageException(StorageException.Kind.CORRUPT, "m." + loc.file() + " at " + loc.offset() + ": " + why);
    }

    @Override
    public List<Integer> files() {
        checkOpen();
        return files.list();
    }

    @Override
    public int currentFile() {
        return appender.currentNumber();
    }

    @Override
    public long fileSize(int file) {
        checkOpen();
        if (file == appender.currentNumber()) {
            return appender.writePos();
        }
        try {
            return files.get(file).size();
        } catch (IOException e) {
            throw StorageException.io("sizing m." + file, e);
        }
    }

    @Override
    public void scan(int file, BlobVisitor visitor) {
        checkOpen();
        DboxFile f = files.get(file);
        long end;
        try {
            end = file == appender.currentNumber() ? Math.min(appender.writePos(), f.size()) : f.size();
        } catch (IOException e) {
            throw StorageException.io("sizing m." + file, e);
        }
        new DboxScanner(f, end, visitor).run();
    }

    @Override
    public void delete(int file) {
        checkOpen();
        if (file == appender.currentNumber()) {
            throw StorageException.invalid("m." + file + " is the file being appended to");
        }
        try {
            files.delete(file);
            files.syncDir();
        } catch (IOException e) {
            throw StorageException.io("deleting m." + file, e);
        }
    }

    @Override
    public void truncate(BlobLocation tail) {
        checkOpen();
        appender.truncate(tail);
    }

    @Override
    public void writeMailboxList(List<MailboxInfo> mailboxes) {
        checkOpen();
        mailboxList.write(mailboxes);
    }

    @Override
    public List<MailboxInfo> readMailboxList() {
        checkOpen();
        return mailboxList.read();
    }

    private void checkOpen() {
        if (closed) {
            throw StorageException.invalid("blob store is closed");
        }
    }

    /**
     * Closes channels and drops our mappings. Contents already handed out from mappings or the
     * heap stay readable until collected; only bodies over 2 GiB (read through the channel) do not.
     */
    @Override
    public void close() {
        closed = true;
        files.close();
    }
}
