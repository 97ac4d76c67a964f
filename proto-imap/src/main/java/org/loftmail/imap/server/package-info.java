/**
 * The Netty side of IMAP: listeners, the per-connection pipeline (TLS, timeouts, the frame
 * decoder) and the handler that feeds an {@link org.loftmail.imap.session.ImapSession}.
 */
package org.loftmail.imap.server;
