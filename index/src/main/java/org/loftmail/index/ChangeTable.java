package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Dbi;
import org.loftmail.core.store.spi.ChangeRecord;

/** {@code changes}: seq (8 bytes) → {@link ChangeRecord#toBytes()}; the per-user change log. */
final class ChangeTable {
    static final String NAME = "changes";

    private final Dbi<ByteBuffer> dbi;

    ChangeTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    long lastSeq(Tx tx) {
        byte[] k = tx.lastKey(dbi);
        return k == null ? 0 : Key.get64(k, 0);
    }

    long append(Tx tx, ChangeRecord change) {
        long seq = lastSeq(tx) + 1;
        tx.put(dbi, Key.of64(seq), change.toBytes());
        return seq;
    }

    List<ChangeRecord> after(Tx tx, long afterSeq, int limit) {
        List<ChangeRecord> out = new ArrayList<>(Math.min(Math.max(limit, 0), 1024));
        if (limit <= 0 || afterSeq == Long.MAX_VALUE) {
            return out;
        }
        tx.scan(dbi, Key.of64(Math.max(afterSeq + 1, 1)), new byte[0], null, true, (k, v) -> {
            out.add(decode(Key.get64(k, 0), v));
            return out.size() < limit;
        });
        return out;
    }

    private static ChangeRecord decode(long seq, byte[] v) {
        try {
            return ChangeRecord.fromBytes(seq, v);
        } catch (RuntimeException e) {
            throw RecordReader.corrupt("change " + seq, e);
        }
    }
}
