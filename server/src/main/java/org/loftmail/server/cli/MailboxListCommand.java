package org.loftmail.server.cli;

import org.loftmail.core.store.MailboxInfo;
import org.loftmail.server.SingleNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mailbox-list", mixinStandardHelpOptions = true, description = "Print one mailbox name per line.")
final class MailboxListCommand implements Runnable {
    @Mixin
    UserOptions opts;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try (SingleNode node = opts.node()) {
            for (MailboxInfo m : opts.existingUser(node).mailboxes()) {
                spec.commandLine().getOut().println(m.name());
            }
        }
    }
}
