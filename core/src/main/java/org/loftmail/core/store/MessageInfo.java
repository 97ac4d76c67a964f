package org.loftmail.core.store;

import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageGuid;

/**
 * One message in one mailbox.
 *
 * @param internalDate epoch millis
 * @param virtualSize  RFC822.SIZE (line endings counted as CRLF)
 */
public record MessageInfo(long uid, MessageGuid guid, Flags flags, long modSeq, long internalDate,
                          long physicalSize, long virtualSize) {
}
