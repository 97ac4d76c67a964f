package org.loftmail.imap.fetch;

import java.io.InputStream;
import org.loftmail.imap.wire.ImapResponseWriter;

/**
 * Where a command writes its responses. The session's implementation sends the writer's buffer
 * to the client whenever it grows large and waits while the client is slow, so a big FETCH never
 * sits in the heap.
 */
public interface ResponseSink {
    /** The writer for the next bytes; may be a new one after {@link #stream}. */
    ImapResponseWriter writer();

    /**
     * Sends what the writer holds, then exactly {@code length} octets read from {@code in} (the
     * caller has written the literal header), then lets writing go on in a fresh buffer.
     * Closes {@code in}. Throws {@link java.io.UncheckedIOException} if {@code in} ends early.
     */
    void stream(InputStream in, long length);
}
