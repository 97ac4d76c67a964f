package org.loftmail.core.model;

/** A mailbox's identity; stays the same across renames. */
public record MailboxGuid(long hi, long lo) implements Comparable<MailboxGuid> {
    public static MailboxGuid random() {
        long[] v = Guid128.random();
        return new MailboxGuid(v[0], v[1]);
    }

    public static MailboxGuid parse(String hex) {
        long[] v = Guid128.parse(hex);
        return new MailboxGuid(v[0], v[1]);
    }

    public static MailboxGuid fromBytes(byte[] b, int off) {
        return new MailboxGuid(Guid128.toLong(b, off), Guid128.toLong(b, off + 8));
    }

    /** Writes the 16 big-endian bytes at {@code off}. */
    public void toBytes(byte[] b, int off) {
        Guid128.put(b, off, hi);
        Guid128.put(b, off + 8, lo);
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        toBytes(b, 0);
        return b;
    }

    @Override
    public int compareTo(MailboxGuid o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        return Guid128.hex(hi, lo);
    }
}
