package org.loftmail.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.spi.FlagsVisitor;

/**
 * {@code messages}: mailbox | uid → message record. The value is varint-packed (a typical record
 * is ~30 bytes) because this is the table a million-message mailbox makes big.
 */
final class MessageTable {
    static final String NAME = "messages";
    private static final int VERSION = 1;

    private final Dbi<ByteBuffer> dbi;

    MessageTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    MessageInfo get(Tx tx, MailboxGuid mailbox, long uid) {
        byte[] v = tx.get(dbi, Key.of(mailbox, uid));
        return v == null ? null : decode(uid, v);
    }

    void put(Tx tx, MailboxGuid mailbox, MessageInfo m) {
        tx.put(dbi, Key.of(mailbox, m.uid()), encode(m));
    }

    void delete(Tx tx, MailboxGuid mailbox, long uid) {
        tx.delete(dbi, Key.of(mailbox, uid));
    }

    /** Visits {@code from <= uid <= to} (unsigned) in UID order until the visitor returns false. */
    void scan(Tx tx, MailboxGuid mailbox, long from, long to, Predicate<MessageInfo> visitor) {
        if (Long.compareUnsigned(from, to) > 0) {
            return;
        }
        // Decoded in place from the map: no key or value copy per message.
        tx.scanViews(dbi, Key.of(mailbox, from), Key.of(mailbox), (k, v) -> {
            long uid = k.getLong(k.position() + k.remaining() - 8);
            return Long.compareUnsigned(uid, to) <= 0 && visitor.test(decode(uid, new RecordReader(v)));
        });
    }

    /**
     * Visits every message's UID and flags in UID order, reading them straight from the map: no
     * record is copied or decoded beyond the flags, and keywords only when a message has some.
     */
    void flags(Tx tx, MailboxGuid mailbox, FlagsVisitor visitor) {
        tx.scanViews(dbi, Key.of(mailbox), (k, v) -> {
            long uid = k.getLong(k.position() + k.remaining() - 8);
            int p = v.position();
            if (v.remaining() < 1 + Key.GUID + 1 || v.get(p) != VERSION) {
                throw RecordReader.corrupt("message " + uid + " has an unknown version");
            }
            int system = v.get(p + 1 + Key.GUID) & 0xff;
            int at = skipVarint(v, p + 1 + Key.GUID + 1); // modseq
            // The internal date: a zigzag varint.
            long raw = 0;
            int shift = 0;
            byte b;
            do {
                if (at >= v.limit() || shift > 63) {
                    throw RecordReader.corrupt("message " + uid + " internal date");
                }
                b = v.get(at++);
                raw |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            long internalDate = (raw >>> 1) ^ -(raw & 1);
            at = skipVarint(v, skipVarint(v, at)); // physical and virtual size
            if (at < v.limit() && v.get(at) == 0) {
                return visitor.visit(uid, system, internalDate, Set.of());
            }
            byte[] copy = new byte[v.remaining()];
            v.duplicate().get(copy);
            return visitor.visit(uid, system, internalDate, decode(uid, copy).flags().keywords());
        });
    }

    private static int skipVarint(ByteBuffer v, int at) {
        while (at < v.limit() && (v.get(at) & 0x80) != 0) {
            at++;
        }
        return at + 1;
    }

    void deleteMailbox(Tx tx, MailboxGuid mailbox) {
        tx.deletePrefix(dbi, Key.of(mailbox));
    }

    static byte[] encode(MessageInfo m) {
        RecordWriter w = new RecordWriter(48).u8(VERSION).bytes(m.guid().toBytes()).u8(m.flags().system())
                .varint(m.modSeq()).zigzag(m.internalDate()).varint(m.physicalSize()).varint(m.virtualSize())
                .varint(m.flags().keywords().size());
        for (String kw : m.flags().keywords()) {
            w.string(kw);
        }
        // Added after the first records were written: those end after the keywords and were
        // saved, as far as anyone knows, at their internal date.
        if (m.saveDate() != m.internalDate()) {
            w.zigzag(m.saveDate());
        }
        return w.toBytes();
    }

    static MessageInfo decode(long uid, byte[] v) {
        return decode(uid, new RecordReader(v));
    }

    private static MessageInfo decode(long uid, RecordReader r) {
        if (r.u8() != VERSION) {
            throw RecordReader.corrupt("message " + uid + " has an unknown version");
        }
        MessageGuid guid = new MessageGuid(r.u64(), r.u64());
        int system = r.u8();
        long modSeq = r.varint();
        long internalDate = r.zigzag();
        long physical = r.varint();
        long virtual = r.varint();
        long n = r.varint();
        if (n > r.remaining()) {
            throw RecordReader.corrupt("message " + uid + " keyword count");
        }
        try {
            Flags flags;
            if (n == 0) {
                flags = Flags.ofSystem(system);
            } else {
                List<String> keywords = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) {
                    keywords.add(r.string());
                }
                flags = new Flags(system, Set.copyOf(keywords));
            }
            long saveDate = r.remaining() > 0 ? r.zigzag() : internalDate;
            return new MessageInfo(uid, guid, flags, modSeq, internalDate, physical, virtual, saveDate);
        } catch (IllegalArgumentException e) {
            throw RecordReader.corrupt("message " + uid + " flags", e);
        }
    }
}
