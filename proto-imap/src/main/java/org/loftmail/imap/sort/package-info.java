/**
 * RFC 5256 SORT and THREAD over the index's keys. {@link org.loftmail.imap.sort.Ranks} turns one
 * sort table scan into a rank per message; {@link org.loftmail.imap.sort.MultiKeySort} orders
 * messages by several ranks with stable counting sorts; {@link org.loftmail.imap.sort.Threader}
 * builds ORDEREDSUBJECT, REFERENCES and REFS threads. Messages are named by their position in
 * the session's view (sequence number - 1), so no message file is ever opened.
 */
package org.loftmail.imap.sort;
