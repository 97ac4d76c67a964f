/** The per-user LMDB index: mailboxes, messages, keys, expunge log and change log. */
package org.loftmail.index;
