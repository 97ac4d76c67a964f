package org.loftmail.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loft admin …}: maintenance on one user's mail and password hashes, like doveadm. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Maintenance commands.",
        subcommands = {ImportMboxCommand.class, MailboxStatusCommand.class, MailboxListCommand.class,
            FetchCommand.class, RebuildCommand.class, PwCommand.class})
final class AdminCommand implements Runnable {
    @CommandLine.ParentCommand
    Loft loft;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: import-mbox, mailbox-status, mailbox-list, fetch, rebuild or pw");
    }
}
