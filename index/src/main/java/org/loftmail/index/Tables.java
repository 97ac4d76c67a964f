package org.loftmail.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** The named databases of one environment, opened once and shared by every transaction. */
final class Tables {
    /** Upper bound for {@code mdb_env_set_maxdbs}, with room for tables added later. */
    static final int MAX_DBS = 32;

    final MailboxTable mailboxes;
    final MailboxNameTable names;
    final CountsTable counts;
    final MessageTable messages;
    final ModSeqTable modSeqs;
    final ModSeqTable expunged;
    final SortTable sort;
    final MessageKeysTable messageKeys;
    final KeysTable keys;
    final SummaryTable summaries;
    final BlobTable blobs;
    final ChangeTable changes;
    final SubscriptionTable subscriptions;
    final MetaTable meta;
    final FileTable files;
    final MetadataTable metadata;

    private Tables(Env<ByteBuffer> env, Txn<ByteBuffer> txn) {
        mailboxes = new MailboxTable(open(env, txn, MailboxTable.NAME));
        names = new MailboxNameTable(open(env, txn, MailboxNameTable.NAME));
        counts = new CountsTable(open(env, txn, CountsTable.NAME));
        messages = new MessageTable(open(env, txn, MessageTable.NAME));
        modSeqs = new ModSeqTable(open(env, txn, ModSeqTable.LIVE));
        expunged = new ModSeqTable(open(env, txn, ModSeqTable.EXPUNGED));
        sort = new SortTable(open(env, txn, SortTable.NAME));
        messageKeys = new MessageKeysTable(open(env, txn, MessageKeysTable.NAME));
        keys = new KeysTable(open(env, txn, KeysTable.NAME));
        summaries = new SummaryTable(open(env, txn, SummaryTable.NAME));
        blobs = new BlobTable(open(env, txn, BlobTable.NAME));
        changes = new ChangeTable(open(env, txn, ChangeTable.NAME));
        subscriptions = new SubscriptionTable(open(env, txn, SubscriptionTable.NAME));
        meta = new MetaTable(open(env, txn, MetaTable.NAME));
        files = new FileTable(open(env, txn, FileTable.NAME));
        metadata = new MetadataTable(open(env, txn, MetadataTable.NAME));
    }

    /**
     * Opens (creating on first use) every table in one write transaction. On an existing
     * environment nothing is dirtied, so the commit writes and syncs nothing and opening stays
     * cheap; one transaction per table would cost a commit each on first creation.
     */
    static Tables open(Env<ByteBuffer> env) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            Tables t = new Tables(env, txn);
            txn.commit();
            return t;
        }
    }

    private static Dbi<ByteBuffer> open(Env<ByteBuffer> env, Txn<ByteBuffer> txn, String name) {
        // MDB_UNSIGNEDKEY makes lmdbjava's own comparisons (KeyRange) agree with LMDB's memcmp.
        return env.openDbi(txn, name.getBytes(StandardCharsets.US_ASCII), null, false,
                DbiFlags.MDB_CREATE, DbiFlags.MDB_UNSIGNEDKEY);
    }
}
