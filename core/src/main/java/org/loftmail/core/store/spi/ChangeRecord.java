package org.loftmail.core.store.spi;

import java.nio.ByteBuffer;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageGuid;

/**
 * One entry of a user's change log, written in the same transaction as the change. Replication
 * ships these; {@code seq} is assigned by the index and strictly increasing per user.
 * {@code message} is null and {@code uid} 0 for mailbox-level changes.
 */
public record ChangeRecord(long seq, Type type, MailboxGuid mailbox, long uid, MessageGuid message, long modSeq) {
    public enum Type { MAILBOX_CREATE, MAILBOX_UPDATE, MAILBOX_DELETE, APPEND, FLAGS, EXPUNGE, SUBSCRIPTION,
        /** RFC 5464 entries of {@code mailbox} (null: the server's) changed. */
        METADATA }

    private static final int SIZE = 1 + 16 + 8 + 1 + 16 + 8;

    public ChangeRecord withSeq(long s) {
        return new ChangeRecord(s, type, mailbox, uid, message, modSeq);
    }

    /** The value bytes (the key is {@code seq}). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put((byte) type.ordinal());
        b.putLong(mailbox == null ? 0 : mailbox.hi()).putLong(mailbox == null ? 0 : mailbox.lo());
        b.putLong(uid);
        b.put((byte) (message == null ? 0 : 1));
        b.putLong(message == null ? 0 : message.hi()).putLong(message == null ? 0 : message.lo());
        b.putLong(modSeq);
        return b.array();
    }

    public static ChangeRecord fromBytes(long seq, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Type type = Type.values()[b.get()];
        MailboxGuid mbox = new MailboxGuid(b.getLong(), b.getLong());
        long uid = b.getLong();
        boolean hasMessage = b.get() != 0;
        MessageGuid msg = new MessageGuid(b.getLong(), b.getLong());
        long modSeq = b.getLong();
        return new ChangeRecord(seq, type, mbox.hi() == 0 && mbox.lo() == 0 ? null : mbox, uid,
                hasMessage ? msg : null, modSeq);
    }
}
