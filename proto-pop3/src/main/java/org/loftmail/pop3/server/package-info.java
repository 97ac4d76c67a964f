/**
 * The Netty side of POP3: listeners, the per-connection pipeline (TLS, timeout, line decoder),
 * the handler that feeds a {@link org.loftmail.pop3.session.Pop3Session}, and the server's
 * maildrop lock registry.
 */
package org.loftmail.pop3.server;
