package org.loftmail.server;

import org.loftmail.core.event.ChangeBus;
import org.loftmail.core.store.IndexedMailStore;
import org.loftmail.core.store.StoreOptions;
import org.loftmail.dbox.DboxBlobStore;
import org.loftmail.dbox.DboxOptions;
import org.loftmail.index.LmdbMailboxIndex;
import org.loftmail.server.config.LoftConfig;

/** The single-node assembly: every part built by hand from the configuration. */
public final class SingleNode implements AutoCloseable {
    private final LoftConfig config;
    private final ChangeBus bus = new ChangeBus();
    private final IndexedMailStore store;

    public SingleNode(LoftConfig config) {
        this.config = config;
        this.store = new IndexedMailStore(config.mailLocation()::userDir,
                DboxBlobStore.factory(new DboxOptions(config.rotateSize(), config.fsync())),
                LmdbMailboxIndex.factory(), bus, StoreOptions.DEFAULTS);
    }

    public LoftConfig config() {
        return config;
    }

    public IndexedMailStore store() {
        return store;
    }

    public ChangeBus changes() {
        return bus;
    }

    @Override
    public void close() {
        store.close();
    }
}
