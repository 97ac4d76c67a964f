package org.loftmail.core.store.spi;

import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;

/**
 * What a blob store appends. Rebuild replays records in any order: a placement
 * (mailbox, uid) exists iff a {@link Message} or {@link Placement} names it and no
 * {@link Expunge} does. UIDs are never reused, so the order of records does not matter.
 */
public sealed interface BlobRecord {
    MessageGuid guid();

    MailboxGuid mailbox();

    long uid();

    /** A saved message: its bytes and where it was saved. */
    record Message(MessageGuid guid, MailboxGuid mailbox, long uid, long receivedDate, long virtualSize,
                   Flags flags, MessageContent content) implements BlobRecord {
    }

    /** The message {@code guid} was also placed in {@code mailbox} as {@code uid} (COPY, MOVE). */
    record Placement(MessageGuid guid, MailboxGuid mailbox, long uid) implements BlobRecord {
    }

    /** The placement ({@code mailbox}, {@code uid}) of {@code guid} was expunged. */
    record Expunge(MessageGuid guid, MailboxGuid mailbox, long uid) implements BlobRecord {
    }
}
