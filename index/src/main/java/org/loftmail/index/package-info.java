/**
 * The LMDB implementation of {@link org.loftmail.core.store.spi.MailboxIndex}: one environment
 * per user, one {@code *Table} class per named database (each owns its key and value encoding),
 * and {@link org.loftmail.index.LmdbMailboxIndex} running reads and writes in transactions.
 *
 * <p>Keys are big-endian and fixed-width so LMDB's byte order is numeric order; every
 * per-mailbox table is prefixed by the mailbox GUID so a mailbox is one key range. Derived
 * tables (names, counts, modseq order, sort keys, thread keys, expunge log) are maintained by
 * the writer, never by callers.
 */
package org.loftmail.index;
