package org.loftmail.imap.command;

import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.CommandHandler;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.ImapSession.State;

/**
 * Checks that a command is valid in the session's state (RFC 3501 section 6) and hands it to
 * its family's handler.
 */
public final class ImapCommands implements CommandHandler {
    private final LoginCommands login = new LoginCommands();
    private final MailboxCommands mailboxes = new MailboxCommands();
    private final MessageCommands messages = new MessageCommands();
    private final FetchCommand fetch = new FetchCommand();
    private final SearchCommand search = new SearchCommand();
    private final SortCommand sort = new SortCommand();
    private final MetadataCommand metadata = new MetadataCommand();
    private final NotifyCommand notify = new NotifyCommand();

    @Override
    public void notifications(ImapSession s) {
        NotifyCommand.push(s);
    }

    @Override
    public void newMessages(ImapSession s, long knownUid) {
        NotifyCommand.newMessages(s, knownUid);
    }

    @Override
    public void handle(ImapSession s, ImapCommand c) {
        State state = s.state();
        if (login.handlesAnyState(s, c)) {
            return;
        }
        if (state == State.NOT_AUTHENTICATED) {
            if (!login.handlesNotAuthenticated(s, c)) {
                s.bad(c.tag(), isLoginCommand(c) ? "Already authenticated." : "Not authenticated.");
            }
            return;
        }
        if (isLoginCommand(c)) {
            s.bad(c.tag(), "Already authenticated.");
            return;
        }
        if (mailboxes.handles(s, c) || messages.handlesAuthenticated(s, c) || metadata.handles(s, c)) {
            return;
        }
        if (c instanceof ImapCommand.Notify n) {
            notify.notify(s, n);
            return;
        }
        if (state != State.SELECTED) {
            s.bad(c.tag(), "No mailbox selected.");
            return;
        }
        if (c instanceof ImapCommand.Fetch) {
            fetch.fetch(s, (ImapCommand.Fetch) c);
        } else if (c instanceof ImapCommand.Search) {
            search.search(s, (ImapCommand.Search) c);
        } else if (c instanceof ImapCommand.Sort) {
            sort.sort(s, (ImapCommand.Sort) c);
        } else if (c instanceof ImapCommand.ThreadMessages) {
            sort.thread(s, (ImapCommand.ThreadMessages) c);
        } else if (c instanceof ImapCommand.CancelUpdate u) {
            cancelUpdate(s, u);
        } else if (!messages.handlesSelected(s, c)) {
            s.bad(c.tag(), "Command is not supported.");
        }
    }

    /** RFC 5267 CANCELUPDATE: every tag named must have updates running (as in Dovecot). */
    private static void cancelUpdate(ImapSession s, ImapCommand.CancelUpdate c) {
        for (String tag : c.tags()) {
            if (!s.selected().cancelContext(tag)) {
                s.no(c.tag(), null, "Unknown tag " + tag + ".");
                return;
            }
        }
        s.ok(c.tag(), null, "Updates cancelled.");
    }

    private static boolean isLoginCommand(ImapCommand c) {
        return c instanceof ImapCommand.Login || c instanceof ImapCommand.Authenticate
                || c instanceof ImapCommand.StartTls;
    }
}
