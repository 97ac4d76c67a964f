package org.loftmail.pop3.session;

import org.loftmail.pop3.parse.Pop3Command;

/** Executes parsed commands for a session; called on the session's worker, one at a time. */
public interface CommandHandler {
    void handle(Pop3Session session, Pop3Command command);
}
