package org.loftmail.core.store.spi;

import org.loftmail.core.model.MessageGuid;

/**
 * The index's record of a message's bytes. {@code refCount} counts placements; at zero the bytes
 * are dead and wait for purge, which deletes the entry.
 */
public record BlobEntry(MessageGuid guid, BlobLocation location, int refCount) {
}
