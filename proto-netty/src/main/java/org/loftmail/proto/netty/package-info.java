/**
 * What the Netty protocol servers share, whatever their protocol: {@link
 * org.loftmail.proto.netty.ProtocolServer} (listeners, the connection limit, the pipeline
 * {@code tls → timeout → decoder → session}), {@link org.loftmail.proto.netty.SessionHandler}
 * (the event-loop side of a session), {@link org.loftmail.proto.netty.SessionConnection} (the
 * worker side: the serial command queue with read back-pressure, delayed holds, the switch to
 * TLS) and {@link org.loftmail.proto.netty.ChunkedChannelOutput} (responses sent in chunks,
 * waiting while the client is slow). IMAP and POP3 use it; their codecs, parsers and session
 * state stay in their own modules.
 */
package org.loftmail.proto.netty;
