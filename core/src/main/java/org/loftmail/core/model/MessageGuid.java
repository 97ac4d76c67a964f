package org.loftmail.core.model;

/** A message's global identity: the same bytes keep the same GUID across copies, moves and replicas. */
public record MessageGuid(long hi, long lo) implements Comparable<MessageGuid> {
    public static MessageGuid random() {
        long[] v = Guid128.random();
        return new MessageGuid(v[0], v[1]);
    }

    public static MessageGuid parse(String hex) {
        long[] v = Guid128.parse(hex);
        return new MessageGuid(v[0], v[1]);
    }

    public static MessageGuid fromBytes(byte[] b, int off) {
        return new MessageGuid(Guid128.toLong(b, off), Guid128.toLong(b, off + 8));
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
    public int compareTo(MessageGuid o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        return Guid128.hex(hi, lo);
    }
}
