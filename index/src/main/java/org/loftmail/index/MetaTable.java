package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.lmdbjava.Dbi;
import org.loftmail.core.store.spi.BlobLocation;

/** {@code meta}: a few named singletons; today only the blob store's committed tail. */
final class MetaTable {
    static final String NAME = "meta";
    private static final byte[] TAIL = "tail".getBytes(StandardCharsets.US_ASCII);

    private final Dbi<ByteBuffer> dbi;

    MetaTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    Optional<BlobLocation> tail(Tx tx) {
        byte[] v = tx.get(dbi, TAIL);
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != 20) {
            throw RecordReader.corrupt("tail");
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return Optional.of(new BlobLocation(b.getInt(), b.getLong(), b.getLong()));
    }

    void setTail(Tx tx, BlobLocation tail) {
        ByteBuffer b = ByteBuffer.allocate(20).putInt(tail.file()).putLong(tail.offset()).putLong(tail.length());
        tx.put(dbi, TAIL, b.array());
    }
}
