package org.loftmail.core.store;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.loftmail.core.mime.ThreadKeys;

/**
 * Every message's RFC 5256 THREAD inputs for message {@code i} of {@link #uids()}, UIDs
 * ascending, with Message-IDs and base subjects numbered: equal ids (and equal subjects) share a
 * number, so a threader compares ints and indexes arrays instead of hashing strings. Numbers are
 * dense from 0 and below {@link #ids()} (and {@link #subjects()}); -1 means none. A list made by
 * {@link #extend} numbers the new messages' ids and subjects on from the list it extends, so the
 * numbers of the messages they share stay the same. Immutable; thread-safe.
 */
public final class ThreadKeyList {
    private final long[] uids;
    private final int[] messageId;
    /** Message {@code i}'s References chain is {@code refs[refStart[i] .. refStart[i + 1])}. */
    private final int[] refStart;
    private final int[] refs;
    private final int[] subject;
    private final BitSet reply;
    private final int ids;
    private final int subjects;
    /** Shared by a list and every list extended from it; only {@link #extend} adds to it. */
    private final Numbering numbering;

    private ThreadKeyList(long[] uids, int[] messageId, int[] refStart, int[] refs, int[] subject,
                          BitSet reply, Numbering numbering) {
        this.uids = uids;
        this.messageId = messageId;
        this.refStart = refStart;
        this.refs = refs;
        this.subject = subject;
        this.reply = reply;
        this.numbering = numbering;
        this.ids = numbering.ids.size();
        this.subjects = numbering.subjects.size();
    }

    /** The keys of {@code keys[0 .. count)} for {@code uids[0 .. count)}, UIDs ascending. */
    public static ThreadKeyList of(long[] uids, ThreadKeys[] keys, int count) {
        Numbering numbering = new Numbering();
        synchronized (numbering) {
            return build(Arrays.copyOf(uids, count), keys, 0, count, null, numbering);
        }
    }

    /** This list followed by {@code keys[0 .. count)} for {@code uids[0 .. count)}, all above this list's UIDs. */
    public ThreadKeyList extend(long[] newUids, ThreadKeys[] keys, int count) {
        long[] all = Arrays.copyOf(uids, uids.length + count);
        System.arraycopy(newUids, 0, all, uids.length, count);
        synchronized (numbering) {
            return build(all, keys, uids.length, count, this, numbering);
        }
    }

    private static ThreadKeyList build(long[] uids, ThreadKeys[] keys, int from, int count,
                                       ThreadKeyList base, Numbering numbering) {
        int n = from + count;
        int[] messageId = base == null ? new int[n] : Arrays.copyOf(base.messageId, n);
        int[] subject = base == null ? new int[n] : Arrays.copyOf(base.subject, n);
        BitSet reply = base == null ? new BitSet(n) : (BitSet) base.reply.clone();
        int[] refStart = base == null ? new int[n + 1] : Arrays.copyOf(base.refStart, n + 1);
        int refCount = refStart[from];
        for (int i = 0; i < count; i++) {
            refCount += keys[i].references().size();
        }
        int[] refs = base == null ? new int[refCount] : Arrays.copyOf(base.refs, refCount);
        int r = refStart[from];
        for (int i = 0; i < count; i++) {
            ThreadKeys k = keys[i];
            messageId[from + i] = numbering.ids.number(k.messageId());
            subject[from + i] = numbering.subjects.number(k.baseSubject());
            reply.set(from + i, k.replyOrForward());
            List<String> chain = k.references();
            for (int j = 0; j < chain.size(); j++) {
                refs[r++] = numbering.ids.number(chain.get(j));
            }
            refStart[from + i + 1] = r;
        }
        return new ThreadKeyList(uids, messageId, refStart, refs, subject, reply, numbering);
    }

    public int size() {
        return uids.length;
    }

    /** Ascending. Not copied: do not modify. */
    public long[] uids() {
        return uids;
    }

    /** Message {@code i}'s Message-ID number, -1 if it has none. */
    public int messageId(int i) {
        return messageId[i];
    }

    /** Where message {@code i}'s References chain starts in {@link #ref}; it ends where {@code i + 1}'s starts. */
    public int refStart(int i) {
        return refStart[i];
    }

    /** The id number of reference {@code j} (counted over all messages). */
    public int ref(int j) {
        return refs[j];
    }

    /** Message {@code i}'s base-subject number, -1 if its base subject is empty. */
    public int subject(int i) {
        return subject[i];
    }

    /** Whether message {@code i}'s subject was a reply or forward. */
    public boolean reply(int i) {
        return reply.get(i);
    }

    /** More than any id number in this list. */
    public int ids() {
        return ids;
    }

    /** More than any subject number in this list. */
    public int subjects() {
        return subjects;
    }

    private static final class Numbering {
        final Numbers ids = new Numbers();
        final Numbers subjects = new Numbers();
    }

    /** Strings to dense numbers in the order first seen; open addressing, "" is -1. */
    private static final class Numbers {
        private String[] table = new String[64];
        private int[] numbers = new int[64];
        private int size;

        int size() {
            return size;
        }

        int number(String s) {
            if (s.isEmpty()) {
                return -1;
            }
            int mask = table.length - 1;
            for (int slot = mix(s.hashCode()) & mask; ; slot = (slot + 1) & mask) {
                String t = table[slot];
                if (t == null) {
                    table[slot] = s;
                    numbers[slot] = size;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                    return size - 1;
                }
                if (t.equals(s)) {
                    return numbers[slot];
                }
            }
        }

        private void grow() {
            String[] oldTable = table;
            int[] oldNumbers = numbers;
            table = new String[oldTable.length * 2];
            numbers = new int[oldTable.length * 2];
            int mask = table.length - 1;
            for (int i = 0; i < oldTable.length; i++) {
                if (oldTable[i] != null) {
                    int slot = mix(oldTable[i].hashCode()) & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = oldTable[i];
                    numbers[slot] = oldNumbers[i];
                }
            }
        }

        private static int mix(int h) {
            return h ^ (h >>> 16) ^ (h >>> 7);
        }
    }
}
