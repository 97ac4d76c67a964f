package org.loftmail.core.store;

import java.util.Set;

/**
 * A mailbox as SELECT opens it: every UID ascending, the sequence number of the first message
 * without {@code \Seen} (0 if none) and the keywords its messages carry. Not copied: do not
 * modify.
 */
public record MailboxView(long[] uids, int firstUnseen, Set<String> keywords) {
}
