package org.loftmail.server.cli;

import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mailbox-status", mixinStandardHelpOptions = true,
        description = "Print messages, unseen, uidvalidity, uidnext, highestmodseq and vsize of a mailbox.")
final class MailboxStatusCommand implements Runnable {
    @Mixin
    UserOptions opts;

    @Option(names = {"-m", "--mailbox"}, defaultValue = "INBOX", paramLabel = "MAILBOX")
    String mailbox;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try (SingleNode node = opts.node()) {
            UserStore store = opts.existingUser(node);
            spec.commandLine().getOut().println(store.status(UserOptions.mailbox(store, mailbox).guid()).toLine());
        }
    }
}
