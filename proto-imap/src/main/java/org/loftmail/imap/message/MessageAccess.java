package org.loftmail.imap.message;

import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MessageInfo;

/**
 * One message of the selected mailbox as a command sees it. {@link #summary()} and
 * {@link #content()} go to storage on first use and are cached, so a FETCH FLAGS or a SEARCH on
 * flags never opens the message. Used on the session's worker thread only.
 */
public interface MessageAccess {
    /** Message sequence number in the session's view. */
    long seq();

    MessageInfo info();

    /** {@code \Recent} for this session (RFC 3501). */
    boolean recent();

    MessageSummary summary();

    MessageContent content();
}
