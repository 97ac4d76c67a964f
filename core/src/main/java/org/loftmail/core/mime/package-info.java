/**
 * MIME parsing done once at save time: the {@link org.loftmail.core.mime.MessageSummary} with the
 * IMAP ENVELOPE and BODYSTRUCTURE, header offsets, sizes, and the SORT and THREAD keys.
 */
package org.loftmail.core.mime;
