package org.loftmail.dbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.core.store.StorageException;
import org.loftmail.core.store.spi.BlobLocation;
import org.loftmail.core.store.spi.BlobRecord;

/**
 * The write side: one writer at a time appends to the current file, then waits for a shared
 * fsync outside the lock so the next writer can already write while this one syncs.
 */
final class DboxAppender {
    /** What a sync leader forces: the file written last and the ticket it covers. */
    private record Tail(DboxFile file, long ticket) {
    }

    private final DboxFiles files;
    private final DboxOptions options;
    private final GroupCommit commit;
    private final ReentrantLock lock = new ReentrantLock();
    private DboxFile current;
    private volatile int currentNumber;
    private volatile long writePos;
    private long appended;
    private volatile Tail tail;

    /** Continues the highest existing file without reading it (opening must stay cheap). */
    DboxAppender(DboxFiles files, DboxOptions options, GroupCommit commit) {
        this.files = files;
        this.options = options;
        this.commit = commit;
        List<Integer> existing = files.list();
        currentNumber = existing.isEmpty() ? 1 : existing.get(existing.size() - 1);
        if (!existing.isEmpty()) {
            current = files.get(currentNumber);
            try {
                writePos = current.size();
            } catch (IOException e) {
                throw StorageException.io("sizing m." + currentNumber, e);
            }
        }
    }

    int currentNumber() {
        return currentNumber;
    }

    /** Bytes of the current file holding complete records (a scan must not look past it). */
    long writePos() {
        return writePos;
    }

    List<BlobLocation> append(List<? extends BlobRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<BlobLocation> out = new ArrayList<>(records.size());
        long ticket;
        lock.lock();
        try {
            commit.checkHealthy();
            DboxFile startFile = current;
            long startPos = writePos;
            try {
                ensureCurrent();
                for (BlobRecord r : records) {
                    out.add(write(r));
                }
            } catch (IOException | RuntimeException e) {
                if (current != null) {
                    rollback(startFile, startPos);
                }
                throw translate(e);
            }
            ticket = appended;
            tail = new Tail(current, ticket);
        } finally {
            lock.unlock();
        }
        commit.await(ticket, this::forceTail);
        return out;
    }

    private RuntimeException translate(Exception e) {
        if (e instanceof StorageException s) {
            return s;
        }
        if (e instanceof IOException io) {
            return StorageException.io("appending to m." + currentNumber, io);
        }
        if (e instanceof UncheckedIOException u) {
            return StorageException.io("reading message content", u.getCause());
        }
        if (e instanceof IllegalArgumentException) {
            return StorageException.invalid(e.getMessage());
        }
        return (RuntimeException) e;
    }

    private long forceTail() throws IOException {
        Tail t = tail;
        t.file().channel().force(false);
        return t.ticket();
    }

    private BlobLocation write(BlobRecord r) throws IOException {
        ByteBuffer meta = DboxRecordFormat.encodeMeta(r);
        long bodyLen = r instanceof BlobRecord.Message m ? m.content().size() : 0;
        long length = DboxRecordFormat.RECORD_HEADER_SIZE + meta.remaining() + bodyLen;
        if (writePos > DboxRecordFormat.FILE_HEADER_SIZE && writePos + length > options.rotateSize()) {
            rotate();
        }
        long pos = writePos;
        long bodyPos = pos + DboxRecordFormat.RECORD_HEADER_SIZE + meta.remaining();
        int bodyCrc = 0;
        if (r instanceof BlobRecord.Message m) {
            BodyWriter body = new BodyWriter(current, bodyPos, bodyLen);
            m.content().transferTo(body);
            if (body.written() != bodyLen) {
                throw new IllegalArgumentException("message content has " + body.written() + " bytes, announced " + bodyLen);
            }
            bodyCrc = body.crc();
        }
        // Header last: until it is written, the stretch does not even look like a record.
        ByteBuffer header = DboxRecordFormat.encodeHeader(DboxRecordFormat.type(r), meta, bodyLen, bodyCrc);
        current.writeFully(meta.duplicate(), pos + DboxRecordFormat.RECORD_HEADER_SIZE);
        current.writeFully(header, pos);
        writePos = pos + length;
        appended += length;
        return new BlobLocation(currentNumber, pos, length);
    }

    /** Starts the first file when none exists, or repairs one whose header never made it to disk. */
    private void ensureCurrent() throws IOException {
        if (current == null || writePos < DboxRecordFormat.FILE_HEADER_SIZE) {
            startFile(currentNumber);
        }
    }

    private void rotate() throws IOException {
        if (commit.enabled()) {
            try {
                current.channel().force(false);
            } catch (IOException e) {
                throw commit.failed(e);
            }
            commit.covered(appended);
        }
        startFile(currentNumber + 1);
    }

    private void startFile(int number) throws IOException {
        DboxFile f = files.create(number);
        f.writeFully(DboxRecordFormat.fileHeader(number), 0);
        if (commit.enabled()) {
            // The new file's size and directory entry must be durable before records in it count.
            f.channel().force(true);
            files.syncDir();
        }
        current = f;
        currentNumber = number;
        writePos = DboxRecordFormat.FILE_HEADER_SIZE;
    }

    /** Best effort: drop a half-written append so the next one starts on a record boundary. */
    private void rollback(DboxFile startFile, long startPos) {
        try {
            if (current == startFile && startPos >= DboxRecordFormat.FILE_HEADER_SIZE) {
                current.channel().truncate(startPos);
                writePos = startPos;
            } else {
                current.channel().truncate(DboxRecordFormat.FILE_HEADER_SIZE);
                writePos = DboxRecordFormat.FILE_HEADER_SIZE;
            }
        } catch (IOException e) {
            // The partial record stays; scans report it as corrupt and appends continue after it.
            try {
                writePos = current.size();
            } catch (IOException ignored) {
                // Keep the old position; the next write overwrites the partial record.
            }
        }
    }

    /** See {@link org.loftmail.core.store.spi.BlobStore#truncate}. */
    void truncate(BlobLocation keep) {
        lock.lock();
        try {
            commit.exclusive(() -> {
                int keepFile = keep == null ? 0 : keep.file();
                DboxFile f = keep == null ? null : files.get(keepFile);
                if (f != null && (keep.end() > f.size() || keep.end() < DboxRecordFormat.FILE_HEADER_SIZE)) {
                    throw new StorageException(StorageException.Kind.CORRUPT,
                            "m." + keepFile + " has " + f.size() + " bytes, committed tail ends at " + keep.end());
                }
                for (int n : files.list()) {
                    if (n > keepFile) {
                        files.delete(n);
                    }
                }
                if (f == null) {
                    current = null;
                    currentNumber = 1;
                    writePos = 0;
                } else {
                    f.dropMapping();
                    f.channel().truncate(keep.end());
                    if (commit.enabled()) {
                        f.channel().force(true);
                    }
                    current = f;
                    currentNumber = keepFile;
                    writePos = keep.end();
                    tail = new Tail(f, appended);
                }
                files.syncDir();
                if (commit.enabled()) {
                    commit.covered(appended);
                }
            });
        } catch (IOException e) {
            throw StorageException.io("truncating blob files", e);
        } finally {
            lock.unlock();
        }
    }
}
