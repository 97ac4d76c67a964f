package org.loftmail.index;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.store.spi.MailboxCounts;

/** {@code counts}: mailbox GUID → messages, unseen, vsize; kept by the index so STATUS is one lookup. */
final class CountsTable {
    static final String NAME = "counts";

    private final Dbi<ByteBuffer> dbi;

    CountsTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    MailboxCounts get(Tx tx, MailboxGuid mailbox) {
        byte[] v = tx.get(dbi, Key.of(mailbox));
        if (v == null) {
            return MailboxCounts.ZERO;
        }
        if (v.length != 24) {
            throw RecordReader.corrupt("counts of " + mailbox);
        }
        return new MailboxCounts(Key.get64(v, 0), Key.get64(v, 8), Key.get64(v, 16));
    }

    void add(Tx tx, MailboxGuid mailbox, long messages, long unseen, long vsize) {
        MailboxCounts c = get(tx, mailbox);
        byte[] v = new RecordWriter(24).fixed64(c.messages() + messages).fixed64(c.unseen() + unseen)
                .fixed64(c.vsize() + vsize).toBytes();
        tx.put(dbi, Key.of(mailbox), v);
    }

    void delete(Tx tx, MailboxGuid mailbox) {
        tx.delete(dbi, Key.of(mailbox));
    }
}
