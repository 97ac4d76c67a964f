/**
 * Storage SPIs: {@link org.loftmail.core.store.spi.BlobStore} keeps message bytes and enough
 * metadata to rebuild everything (dbox), {@link org.loftmail.core.store.spi.MailboxIndex} keeps
 * the queryable state and the change log (LMDB). Neither knows any protocol.
 */
package org.loftmail.core.store.spi;
