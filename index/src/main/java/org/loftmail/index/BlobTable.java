package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.spi.BlobEntry;
import org.loftmail.core.store.spi.BlobLocation;

/** {@code blobs}: message GUID → file, offset, length, refcount (fixed 24 bytes). */
final class BlobTable {
    static final String NAME = "blobs";
    private static final int SIZE = 4 + 8 + 8 + 4;

    private final Dbi<ByteBuffer> dbi;

    BlobTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    Optional<BlobEntry> get(Tx tx, MessageGuid guid) {
        byte[] v = tx.get(dbi, Key.of(guid));
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != SIZE) {
            throw RecordReader.corrupt("blob entry of " + guid);
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return Optional.of(new BlobEntry(guid, new BlobLocation(b.getInt(), b.getLong(), b.getLong()), b.getInt()));
    }

    void put(Tx tx, BlobEntry e) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(e.location().file()).putLong(e.location().offset()).putLong(e.location().length()).putInt(e.refCount());
        tx.put(dbi, Key.of(e.guid()), b.array());
    }

    void delete(Tx tx, MessageGuid guid) {
        tx.delete(dbi, Key.of(guid));
    }
}
