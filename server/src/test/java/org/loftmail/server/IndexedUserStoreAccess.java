package org.loftmail.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.spi.MailboxIndex;
import org.loftmail.index.LmdbMailboxIndex;

/** Crafts damaged index states on disk, as a crash in the middle of a rebuild would leave them. */
final class IndexedUserStoreAccess {
    private IndexedUserStoreAccess() {
    }

    /** Replaces the index with one that knows the mailboxes but no messages and no committed tail. */
    static void replaceIndexWithMailboxesOnly(Path userDir) {
        Path index = userDir.resolve("index");
        List<MailboxInfo> boxes;
        try (MailboxIndex old = LmdbMailboxIndex.factory().open(index)) {
            boxes = old.read(r -> r.mailboxes());
        }
        try (Stream<Path> files = Files.walk(index)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (MailboxIndex fresh = LmdbMailboxIndex.factory().open(index)) {
            fresh.write(w -> {
                boxes.forEach(w::putMailbox);
                return null;
            });
        }
    }
}
