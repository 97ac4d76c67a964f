package org.loftmail.imap.command;

import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;

/** FETCH and UID FETCH. */
final class FetchCommand {
    void fetch(ImapSession s, ImapCommand.Fetch c) {
        s.bad(c.tag(), "FETCH is not ready yet.");
    }
}
