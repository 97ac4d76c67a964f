package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lmdbjava.Dbi;
import org.loftmail.core.model.MailboxGuid;

/**
 * {@code metadata}: mailbox GUID (all zero for the server's own entries) | entry name in UTF-8 →
 * value (RFC 5464 METADATA). Names arrive lower-cased and at most {@link #MAX_NAME_BYTES}, so
 * they fit LMDB's 511-byte key limit without hashing.
 */
final class MetadataTable {
    static final String NAME = "metadata";
    static final int MAX_NAME_BYTES = 480;
    private static final MailboxGuid SERVER = new MailboxGuid(0, 0);

    private final Dbi<ByteBuffer> dbi;

    MetadataTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    private static byte[] prefix(MailboxGuid mailbox) {
        return Key.of(mailbox == null ? SERVER : mailbox);
    }

    void put(Tx tx, MailboxGuid mailbox, String entry, byte[] value) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("metadata entry name of " + name.length + " bytes");
        }
        byte[] p = prefix(mailbox);
        byte[] k = Arrays.copyOf(p, p.length + name.length);
        System.arraycopy(name, 0, k, p.length, name.length);
        if (value == null) {
            tx.delete(dbi, k);
        } else {
            tx.put(dbi, k, value);
        }
    }

    SortedMap<String, byte[]> all(Tx tx, MailboxGuid mailbox) {
        byte[] p = prefix(mailbox);
        SortedMap<String, byte[]> out = new TreeMap<>();
        tx.scan(dbi, p, p, null, true, (k, v) -> {
            out.put(new String(k, p.length, k.length - p.length, StandardCharsets.UTF_8), v);
            return true;
        });
        return out;
    }

    void deleteMailbox(Tx tx, MailboxGuid mailbox) {
        tx.deletePrefix(dbi, prefix(mailbox));
    }
}
