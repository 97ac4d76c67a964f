package org.loftmail.core.store;

import org.loftmail.core.model.MessageGuid;

/** What UIDPLUS's {@code APPENDUID} reports: the mailbox's UIDVALIDITY and the new UID. */
public record AppendResult(long uidValidity, long uid, MessageGuid guid, long modSeq) {
}
