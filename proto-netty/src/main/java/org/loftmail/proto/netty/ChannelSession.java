package org.loftmail.proto.netty;

/** What {@link SessionHandler} tells a protocol session; each call comes on the event loop and must not block. */
public interface ChannelSession {
    /** The connection is up: send the greeting. */
    void start();

    /** A frame or signal from the decoder; ownership passes to the session. */
    void receive(Object msg);

    void writabilityChanged();

    /** No input for the timeout of the session's state: say so and close. */
    void timedOut();

    /** The connection is gone: release everything. */
    void closed();
}
