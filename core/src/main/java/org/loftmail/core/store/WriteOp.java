package org.loftmail.core.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;

/** Work queued on a user's serial writer. Appends in a row are committed as one batch. */
sealed interface WriteOp {
    CompletableFuture<?> result();

    record Append(MailboxGuid mailbox, MessageGuid guid, MessageContent content, MessageSummary summary,
                  Flags flags, long internalDate, CompletableFuture<AppendResult> result) implements WriteOp {
    }

    /** Any other write: runs alone, in queue order. */
    record Txn<R>(Supplier<R> work, CompletableFuture<R> result) implements WriteOp {
        void run() {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }
}
