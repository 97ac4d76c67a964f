/**
 * The Netty side of IMAP: the listeners, with what IMAP puts in each connection's pipeline (TLS,
 * timeouts, the frame decoder, an {@link org.loftmail.imap.session.ImapSession}) over
 * proto-netty's {@link org.loftmail.proto.netty.ProtocolServer}.
 */
package org.loftmail.imap.server;
