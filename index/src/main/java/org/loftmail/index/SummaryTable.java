package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MessageGuid;

/** {@code summaries}: message GUID → {@code MessageSummary.toBytes()}, opaque to the index. */
final class SummaryTable {
    static final String NAME = "summaries";

    private final Dbi<ByteBuffer> dbi;

    SummaryTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    Optional<byte[]> get(Tx tx, MessageGuid guid) {
        return Optional.ofNullable(tx.get(dbi, Key.of(guid)));
    }

    void put(Tx tx, MessageGuid guid, byte[] summary) {
        tx.put(dbi, Key.of(guid), summary);
    }

    void delete(Tx tx, MessageGuid guid) {
        tx.delete(dbi, Key.of(guid));
    }
}
