package org.loftmail.pop3.command;

import org.loftmail.pop3.parse.Pop3Command;
import org.loftmail.pop3.session.CommandHandler;
import org.loftmail.pop3.session.Pop3Session;

/** Dispatches a parsed command by the session's state. Thread-safe: it holds no session state. */
public final class Pop3Commands implements CommandHandler {
    private final AuthorizationCommands authorization = new AuthorizationCommands();
    private final TransactionCommands transaction = new TransactionCommands();

    @Override
    public void handle(Pop3Session s, Pop3Command c) {
        if (c instanceof Pop3Command.Malformed m) {
            s.bad(m.message());
        } else if (c instanceof Pop3Command.Capa) {
            s.writer().capabilities(s.capabilities(), s.mechanisms().stream().map(m -> m.wire()).toList());
            s.good();
        } else if (s.state() == Pop3Session.State.AUTHORIZATION) {
            authorization.handle(s, c);
        } else if (s.state() == Pop3Session.State.TRANSACTION) {
            transaction.handle(s, c);
        }
    }
}
