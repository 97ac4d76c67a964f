/**
 * The Netty side of POP3: the listeners, with what POP3 puts in each connection's pipeline (TLS,
 * timeout, line decoder, a {@link org.loftmail.pop3.session.Pop3Session}) over proto-netty's
 * {@link org.loftmail.proto.netty.ProtocolServer}, and the server's maildrop lock registry.
 */
package org.loftmail.pop3.server;
