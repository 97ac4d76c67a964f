package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lmdbjava.Dbi;
import org.loftmail.core.mime.SortKeys;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.spi.SortPlacementVisitor;
import org.loftmail.core.store.spi.SortVisitor;

/**
 * {@code sort}: mailbox | criterion | key | uid → nothing, one entry per message and criterion, so
 * SORT is a range scan. Ties fall to UID order because the UID ends the key. Strings are stored
 * as given (the producer of {@link SortKeys} has applied the collation) and end in 0x00 so a
 * prefix sorts before its extensions.
 */
final class SortTable {
    static final String NAME = "sort";
    private static final byte[] EMPTY = new byte[0];
    private static final int PREFIX = Key.GUID + 1;
    /** The longest string that still leaves room for the prefix, terminator and UID. */
    static final int MAX_STRING = Tx.MAX_KEY - PREFIX - 1 - 8;

    private final Dbi<ByteBuffer> dbi;

    SortTable(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    void put(Tx tx, MailboxGuid mailbox, MessageInfo m, SortKeys keys) {
        for (SortCriterion c : SortCriterion.values()) {
            tx.put(dbi, key(mailbox, c, m, keys), EMPTY);
        }
    }

    void delete(Tx tx, MailboxGuid mailbox, MessageInfo m, SortKeys keys) {
        for (SortCriterion c : SortCriterion.values()) {
            tx.delete(dbi, key(mailbox, c, m, keys));
        }
    }

    void sorted(Tx tx, MailboxGuid mailbox, SortCriterion c, SortVisitor visitor) {
        byte[] prefix = prefix(mailbox, c, 0);
        byte[][] previous = {null};
        tx.scan(dbi, prefix, prefix, null, false, (k, v) -> {
            // The key without its UID is the sort value: equal values are a tie.
            byte[] p = previous[0];
            boolean same = p != null && p.length == k.length
                    && Arrays.equals(p, 0, p.length - 8, k, 0, k.length - 8);
            previous[0] = k;
            return visitor.visit(Key.tail64(k), same);
        });
    }

    /**
     * Where message {@code m} (with the sort keys it was indexed with) is in the order of
     * {@code c}: the UID before it (0 if none) and whether that one ties with it, through
     * {@code visitor}; false if its entry is missing.
     */
    boolean placement(Tx tx, MailboxGuid mailbox, SortCriterion c, MessageInfo m, SortKeys keys,
                      SortPlacementVisitor visitor, boolean[] more) {
        byte[] own = key(mailbox, c, m, keys);
        byte[] before = tx.keyBefore(dbi, own);
        if (before == null) {
            return false;
        }
        byte[] prefix = prefix(mailbox, c, 0);
        boolean inOrder = before.length >= prefix.length + 8 && Arrays.equals(before, 0, prefix.length, prefix, 0, prefix.length);
        long previous = inOrder ? Key.tail64(before) : 0;
        boolean same = inOrder && before.length == own.length
                && Arrays.equals(before, 0, before.length - 8, own, 0, own.length - 8);
        more[0] = visitor.visit(m.uid(), previous, same);
        return true;
    }

    void deleteMailbox(Tx tx, MailboxGuid mailbox) {
        tx.deletePrefix(dbi, Key.of(mailbox));
    }

    private static byte[] key(MailboxGuid mailbox, SortCriterion c, MessageInfo m, SortKeys keys) {
        return switch (c) {
            case ARRIVAL -> number(mailbox, c, signed(m.internalDate()), m.uid());
            case DATE -> number(mailbox, c, signed(keys.sentDate()), m.uid());
            case SIZE -> number(mailbox, c, m.virtualSize(), m.uid());
            case SUBJECT -> string(mailbox, c, keys.baseSubject(), m.uid());
            case FROM -> string(mailbox, c, keys.from(), m.uid());
            case TO -> string(mailbox, c, keys.to(), m.uid());
            case CC -> string(mailbox, c, keys.cc(), m.uid());
            case DISPLAYFROM -> string(mailbox, c, keys.displayFrom(), m.uid());
            case DISPLAYTO -> string(mailbox, c, keys.displayTo(), m.uid());
        };
    }

    /** Flips the sign bit so dates before 1970 sort before later ones under unsigned compare. */
    private static long signed(long v) {
        return v ^ Long.MIN_VALUE;
    }

    private static byte[] number(MailboxGuid mailbox, SortCriterion c, long value, long uid) {
        byte[] k = prefix(mailbox, c, 16);
        Key.put64(k, PREFIX, value);
        Key.put64(k, PREFIX + 8, uid);
        return k;
    }

    private static byte[] string(MailboxGuid mailbox, SortCriterion c, String value, long uid) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, MAX_STRING);
        // Cut before a continuation byte so a truncated key is still valid UTF-8.
        while (n < utf8.length && n > 0 && (utf8[n] & 0xC0) == 0x80) {
            n--;
        }
        byte[] k = prefix(mailbox, c, n + 1 + 8);
        System.arraycopy(utf8, 0, k, PREFIX, n);
        k[PREFIX + n] = 0;
        Key.put64(k, PREFIX + n + 1, uid);
        return k;
    }

    private static byte[] prefix(MailboxGuid mailbox, SortCriterion c, int extra) {
        byte[] k = new byte[PREFIX + extra];
        mailbox.toBytes(k, 0);
        k[Key.GUID] = code(c);
        return k;
    }

    /** Stored criterion codes; fixed here so reordering the enum cannot remap data. */
    private static byte code(SortCriterion c) {
        return switch (c) {
            case ARRIVAL -> 1;
            case CC -> 2;
            case DATE -> 3;
            case FROM -> 4;
            case SIZE -> 5;
            case SUBJECT -> 6;
            case TO -> 7;
            case DISPLAYFROM -> 8;
            case DISPLAYTO -> 9;
        };
    }
}
