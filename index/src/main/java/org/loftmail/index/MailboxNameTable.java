package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;

/** {@code mailbox_names}: name → mailbox GUID; keeps names unique and makes lookup by name O(log n). */
final class MailboxNameTable {
    static final String NAME = "mailbox_names";

    private final Dbi<ByteBuffer> dbi;

    MailboxNameTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    Optional<MailboxGuid> get(Tx tx, MailboxName name) {
        byte[] v = tx.get(dbi, Key.name(name.value()));
        if (v == null) {
            return Optional.empty();
        }
        if (v.length != Key.GUID) {
            throw RecordReader.corrupt("name entry of " + name);
        }
        return Optional.of(MailboxGuid.fromBytes(v, 0));
    }

    void put(Tx tx, MailboxName name, MailboxGuid guid) {
        tx.put(dbi, Key.name(name.value()), Key.of(guid));
    }

    void delete(Tx tx, MailboxName name) {
        tx.delete(dbi, Key.name(name.value()));
    }
}
