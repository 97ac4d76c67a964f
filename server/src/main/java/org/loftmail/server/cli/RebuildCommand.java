package org.loftmail.server.cli;

import org.loftmail.core.store.RebuildReport;
import org.loftmail.server.SingleNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild the user's index from the dbox files alone.")
final class RebuildCommand implements Runnable {
    @Mixin
    UserOptions opts;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try (SingleNode node = opts.node()) {
            // Not opened first: opening trusts the old index, which is what rebuild replaces.
            opts.requireStoreDir(node);
            RebuildReport report = node.store().rebuild(opts.userId());
            spec.commandLine().getOut().println("rebuilt " + opts.userId() + ": " + report);
            if (report.corruptRegions() > 0) {
                spec.commandLine().getErr().println("loft: warning: " + report.corruptRegions()
                        + " corrupt region(s) skipped (" + report.corruptBytes() + " bytes); see the log above");
            }
        }
    }
}
