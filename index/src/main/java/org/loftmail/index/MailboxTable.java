package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;

/** {@code mailboxes}: mailbox GUID → name, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, special-use bits. */
final class MailboxTable {
    static final String NAME = "mailboxes";
    private static final int VERSION = 1;
    // Stored bit i means SPECIAL_USE[i]; fixed here so reordering the enum cannot remap data.
    private static final SpecialUse[] SPECIAL_USE = {SpecialUse.ALL, SpecialUse.ARCHIVE, SpecialUse.DRAFTS,
        SpecialUse.FLAGGED, SpecialUse.JUNK, SpecialUse.SENT, SpecialUse.TRASH};

    private final Dbi<ByteBuffer> dbi;

    MailboxTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    Optional<MailboxInfo> get(Tx tx, MailboxGuid guid) {
        byte[] v = tx.get(dbi, Key.of(guid));
        return v == null ? Optional.empty() : Optional.of(decode(guid, v));
    }

    boolean exists(Tx tx, MailboxGuid guid) {
        return tx.has(dbi, Key.of(guid));
    }

    void put(Tx tx, MailboxInfo m) {
        int bits = 0;
        for (int i = 0; i < SPECIAL_USE.length; i++) {
            if (m.specialUse().contains(SPECIAL_USE[i])) {
                bits |= 1 << i;
            }
        }
        byte[] v = new RecordWriter(32 + m.name().value().length()).u8(VERSION).varint(m.uidValidity())
                .varint(m.uidNext()).varint(m.highestModSeq()).u8(bits).string(m.name().value()).toBytes();
        tx.put(dbi, Key.of(m.guid()), v);
    }

    void delete(Tx tx, MailboxGuid guid) {
        tx.delete(dbi, Key.of(guid));
    }

    /** Every mailbox, in GUID order (callers sort by name: UTF-8 byte order is not String order). */
    List<MailboxInfo> all(Tx tx) {
        List<MailboxInfo> out = new ArrayList<>();
        tx.scan(dbi, new byte[0], new byte[0], null, true, (k, v) -> {
            out.add(decode(MailboxGuid.fromBytes(k, 0), v));
            return true;
        });
        return out;
    }

    private static MailboxInfo decode(MailboxGuid guid, byte[] v) {
        RecordReader r = new RecordReader(v);
        if (r.u8() != VERSION) {
            throw RecordReader.corrupt("mailbox " + guid + " has an unknown version");
        }
        long uidValidity = r.varint();
        long uidNext = r.varint();
        long highestModSeq = r.varint();
        int bits = r.u8();
        String name = r.string();
        Set<SpecialUse> use = EnumSet.noneOf(SpecialUse.class);
        for (int i = 0; i < SPECIAL_USE.length; i++) {
            if ((bits & (1 << i)) != 0) {
                use.add(SPECIAL_USE[i]);
            }
        }
        try {
            return new MailboxInfo(guid, new MailboxName(name), uidValidity, uidNext, highestModSeq, use);
        } catch (IllegalArgumentException e) {
            throw RecordReader.corrupt("mailbox " + guid + " has an invalid name", e);
        }
    }
}
