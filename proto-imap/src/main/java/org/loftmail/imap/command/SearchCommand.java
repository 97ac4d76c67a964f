package org.loftmail.imap.command;

import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;

/** SEARCH and UID SEARCH. */
final class SearchCommand {
    void search(ImapSession s, ImapCommand.Search c) {
        s.bad(c.tag(), "SEARCH is not ready yet.");
    }
}
