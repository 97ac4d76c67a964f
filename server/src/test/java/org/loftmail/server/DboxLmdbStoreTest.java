package org.loftmail.server;

import java.nio.file.Path;
import org.loftmail.core.store.MailStore;
import org.loftmail.core.store.MailStoreContract;

/** The store contract against the real thing: dbox files + LMDB index, small files to force rotation. */
class DboxLmdbStoreTest extends MailStoreContract {
    @Override
    protected MailStore open(Path dir) {
        return TestNodes.node(dir, 4096).store();
    }
}
