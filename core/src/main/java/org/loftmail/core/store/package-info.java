/**
 * The mail-store API protocols call ({@link org.loftmail.core.store.MailStore},
 * {@link org.loftmail.core.store.UserStore}) and its implementation over the storage SPIs
 * in {@code spi}: bytes in a {@code BlobStore}, state in a {@code MailboxIndex}.
 */
package org.loftmail.core.store;
