package org.loftmail.imap.session;

import org.loftmail.imap.parse.ImapCommand;

/** Executes parsed commands for a session; called on the session's worker, one at a time. */
public interface CommandHandler {
    void handle(ImapSession session, ImapCommand command);

    /** RFC 5465 NOTIFY: sends what changed since the last push; called between commands. */
    default void notifications(ImapSession session) {
    }

    /**
     * Right after an EXISTS for messages above {@code knownUid}, before anything else of the
     * sync: RFC 5465 MessageNew's FETCH.
     */
    default void newMessages(ImapSession session, long knownUid) {
    }
}
