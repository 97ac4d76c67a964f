package org.loftmail.index;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.store.spi.ThreadKeysVisitor;

/**
 * {@code message_keys}: mailbox | uid → the {@link MessageKeys} the message was inserted with.
 * THREAD reads a mailbox's thread keys as one range; removal deletes exactly the sort entries
 * that insert wrote, even if the message's summary changed or vanished in between.
 */
final class MessageKeysTable {
    static final String NAME = "message_keys";

    private final Dbi<ByteBuffer> dbi;

    MessageKeysTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    /** The encoded keys, or null. */
    byte[] get(Tx tx, MailboxGuid mailbox, long uid) {
        return tx.get(dbi, Key.of(mailbox, uid));
    }

    void put(Tx tx, MailboxGuid mailbox, long uid, byte[] keys) {
        tx.put(dbi, Key.of(mailbox, uid), keys);
    }

    void delete(Tx tx, MailboxGuid mailbox, long uid) {
        tx.delete(dbi, Key.of(mailbox, uid));
    }

    /** Visits the thread keys of {@code uid >= fromUid} in UID order until the visitor returns false. */
    void threadKeys(Tx tx, MailboxGuid mailbox, long fromUid, ThreadKeysVisitor visitor) {
        tx.scan(dbi, Key.of(mailbox, fromUid), Key.of(mailbox), null, true,
                (k, v) -> visitor.visit(Key.tail64(k), MessageKeys.threadFromBytes(v)));
    }

    void deleteMailbox(Tx tx, MailboxGuid mailbox) {
        tx.deletePrefix(dbi, Key.of(mailbox));
    }
}
