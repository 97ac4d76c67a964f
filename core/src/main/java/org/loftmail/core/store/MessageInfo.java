package org.loftmail.core.store;

import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageGuid;

/**
 * One message in one mailbox.
 *
 * @param internalDate epoch millis
 * @param virtualSize  RFC822.SIZE (line endings counted as CRLF)
 * @param saveDate     epoch millis when the message was saved into this mailbox (APPEND,
 *                     delivery, COPY or MOVE; RFC 8514 SAVEDATE). Messages whose save date is
 *                     not known (indexed before Loft kept it, or rebuilt from the mail files)
 *                     carry their internal date.
 */
public record MessageInfo(long uid, MessageGuid guid, Flags flags, long modSeq, long internalDate,
                          long physicalSize, long virtualSize, long saveDate) {
    /** A message saved at its internal date. */
    public MessageInfo(long uid, MessageGuid guid, Flags flags, long modSeq, long internalDate,
                       long physicalSize, long virtualSize) {
        this(uid, guid, flags, modSeq, internalDate, physicalSize, virtualSize, internalDate);
    }

    /** This message with other flags at another modseq; everything else, the save date too, kept. */
    public MessageInfo withFlags(Flags newFlags, long newModSeq) {
        return new MessageInfo(uid, guid, newFlags, newModSeq, internalDate, physicalSize, virtualSize, saveDate);
    }
}
