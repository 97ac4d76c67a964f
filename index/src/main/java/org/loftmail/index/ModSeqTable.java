package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.function.LongPredicate;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxGuid;

/**
 * mailbox | modseq | uid → nothing. Two instances: {@code modseq} (live messages, for CONDSTORE
 * CHANGEDSINCE) and {@code expunged} (for QRESYNC VANISHED). The key alone is the data.
 */
final class ModSeqTable {
    static final String LIVE = "modseq";
    static final String EXPUNGED = "expunged";
    private static final byte[] EMPTY = new byte[0];

    private final Dbi<ByteBuffer> dbi;

    ModSeqTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    void put(Tx tx, MailboxGuid mailbox, long modSeq, long uid) {
        tx.put(dbi, Key.of(mailbox, modSeq, uid), EMPTY);
    }

    void delete(Tx tx, MailboxGuid mailbox, long modSeq, long uid) {
        tx.delete(dbi, Key.of(mailbox, modSeq, uid));
    }

    /** Visits the UIDs with a modseq greater than {@code modSeq}, in modseq order, until false. */
    void after(Tx tx, MailboxGuid mailbox, long modSeq, LongPredicate uidVisitor) {
        if (modSeq == -1L) {
            return;
        }
        tx.scan(dbi, Key.of(mailbox, modSeq + 1, 0), Key.of(mailbox), null, false,
                (k, v) -> uidVisitor.test(Key.tail64(k)));
    }

    void deleteMailbox(Tx tx, MailboxGuid mailbox) {
        tx.deletePrefix(dbi, Key.of(mailbox));
    }
}
