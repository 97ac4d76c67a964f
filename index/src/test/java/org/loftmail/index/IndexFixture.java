package org.loftmail.index;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.spi.IndexReader;
import org.loftmail.core.store.spi.MailboxIndex;

/** A fresh index in a temporary directory, closed after each test. */
abstract class IndexFixture {
    /** A mailbox's thread keys by UID, in UID order. */
    static Map<Long, ThreadKeys> threadKeys(IndexReader r, MailboxGuid mailbox) {
        Map<Long, ThreadKeys> out = new LinkedHashMap<>();
        r.threadKeys(mailbox, (uid, k) -> {
            out.put(uid, k);
            return true;
        });
        return out;
    }

    @TempDir
    Path dir;
    MailboxIndex index;

    MailboxIndex open() {
        index = LmdbMailboxIndex.factory().open(dir);
        return index;
    }

    void reopen() {
        index.close();
        open();
    }

    @AfterEach
    void closeIndex() {
        if (index != null) {
            index.close();
        }
    }

    static MailboxInfo mailbox(MailboxGuid guid, String name) {
        return new MailboxInfo(guid, MailboxName.of(name), 1234, 1, 1, Set.of());
    }

    static MessageInfo message(long uid, long modSeq, Flags flags, long internalDate, long vsize) {
        return new MessageInfo(uid, new MessageGuid(0, uid), flags, modSeq, internalDate, vsize - 10, vsize);
    }

    static MessageInfo message(long uid, long modSeq, Flags flags) {
        return message(uid, modSeq, flags, 1_700_000_000_000L + uid, 100 + uid);
    }

    MailboxGuid createMailbox(String name) {
        MailboxGuid g = MailboxGuid.random();
        index.write(w -> {
            w.putMailbox(mailbox(g, name));
            return null;
        });
        return g;
    }
}
