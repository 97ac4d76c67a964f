package org.loftmail.index;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MessageGuid;

/**
 * {@code keys}: message GUID → {@link MessageKeys}, written with the summary and read when a
 * placement of the message is inserted into a mailbox (append, copy, replica).
 */
final class KeysTable {
    static final String NAME = "keys";

    private final Dbi<ByteBuffer> dbi;

    KeysTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    /** The encoded keys, or null if no summary was stored for the message. */
    byte[] get(Tx tx, MessageGuid guid) {
        return tx.get(dbi, Key.of(guid));
    }

    void put(Tx tx, MessageGuid guid, MessageKeys keys) {
        tx.put(dbi, Key.of(guid), keys.toBytes());
    }

    void delete(Tx tx, MessageGuid guid) {
        tx.delete(dbi, Key.of(guid));
    }
}
