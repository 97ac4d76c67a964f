package org.loftmail.server.cli;

import java.nio.file.Files;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.UserId;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --user}, and the lookups every admin command needs. */
final class UserOptions {
    @Mixin
    ConfigOption config;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "the user")
    String user;

    UserId userId() {
        try {
            return new UserId(user);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad user name '" + user + "': " + e.getMessage());
        }
    }

    SingleNode node() {
        return new SingleNode(config.load());
    }

    /** The user's store, refusing to create one for a user who has no mail yet. */
    UserStore existingUser(SingleNode node) {
        requireStoreDir(node);
        return node.store().user(userId());
    }

    /** Checks that the user has a store directory, without opening it. */
    void requireStoreDir(SingleNode node) {
        UserId id = userId();
        if (!Files.isDirectory(node.store().userDir(id))) {
            throw new UsageException("user " + id + " has no mail store at " + node.store().userDir(id));
        }
    }

    static MailboxInfo mailbox(UserStore store, String name) {
        MailboxName mn;
        try {
            mn = MailboxName.of(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad mailbox name '" + name + "': " + e.getMessage());
        }
        return store.mailbox(mn).orElseThrow(() -> new UsageException("user " + store.user()
                + " has no mailbox '" + name + "'"));
    }
}
