package org.loftmail.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.server.SingleNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Write a message's exact bytes to stdout.")
final class FetchCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    AdminCommand admin;

    @Mixin
    UserOptions opts;

    @Option(names = {"-m", "--mailbox"}, required = true, paramLabel = "MAILBOX")
    String mailbox;

    @Option(names = "--uid", required = true, paramLabel = "UID")
    long uid;

    @Override
    public void run() {
        try (SingleNode node = opts.node()) {
            UserStore store = opts.existingUser(node);
            MailboxInfo box = UserOptions.mailbox(store, mailbox);
            if (store.message(box.guid(), uid).isEmpty()) {
                throw new UsageException("no message with UID " + uid + " in " + mailbox);
            }
            // Raw bytes, no charset, streamed: never the whole message in the heap.
            WritableByteChannel out = Channels.newChannel(admin.loft.rawOut);
            store.content(box.guid(), uid).transferTo(out);
            try {
                admin.loft.rawOut.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
