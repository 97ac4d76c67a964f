/**
 * dbox: one user's append-only message files {@code storage/m.<n>} with enough metadata to
 * rebuild the index from them alone, and the {@code storage/mailboxes} list. The byte layout is
 * documented in {@code docs/dbox-format.md}. {@link org.loftmail.dbox.DboxBlobStore} is the
 * entry point; {@link org.loftmail.dbox.DboxOptions} configures rotation and fsync.
 */
package org.loftmail.dbox;
