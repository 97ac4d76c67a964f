package org.loftmail.imap.search;

import java.io.InputStream;
import org.loftmail.core.model.MessageContent;

/** Content that counts how often it is opened and refuses to be read into one array. */
final class CountingContent implements MessageContent {
    private final MessageContent inner;
    int opened;

    CountingContent(MessageContent inner) {
        this.inner = inner;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public InputStream openStream() {
        opened++;
        return inner.openStream();
    }

    @Override
    public byte[] toByteArray() {
        throw new AssertionError("search must stream, not read the message into an array");
    }
}
