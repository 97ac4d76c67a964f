package org.loftmail.imap.fetch;

import java.nio.charset.StandardCharsets;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.message.MessageAccess;

/** A message in memory that counts how often FETCH asked for its summary and content. */
final class TestMessage implements MessageAccess {
    /** 17-Jul-1996 02:44:25 -0700. */
    static final long INTERNAL_DATE = 837596665000L;

    private final long seq;
    private final MessageInfo info;
    private final boolean recent;
    private final MessageContent content;
    private MessageSummary summary;
    int summaryLoads;
    int contentLoads;

    TestMessage(long seq, long uid, Flags flags, boolean recent, byte[] bytes) {
        this.seq = seq;
        this.content = MessageContent.of(bytes);
        MessageSummary parsed = MessageSummary.parse(content, INTERNAL_DATE);
        this.info = new MessageInfo(uid, new MessageGuid(1, uid), flags, 42, INTERNAL_DATE, bytes.length,
                parsed.virtualSize());
        this.recent = recent;
    }

    /** Message 1, UID 100, no flags; {@code text}'s chars are its octets. */
    static TestMessage of(String text) {
        return new TestMessage(1, 100, Flags.NONE, false, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public MessageInfo info() {
        return info;
    }

    @Override
    public boolean recent() {
        return recent;
    }

    @Override
    public MessageSummary summary() {
        summaryLoads++;
        if (summary == null) {
            summary = MessageSummary.parse(content, INTERNAL_DATE);
        }
        return summary;
    }

    @Override
    public MessageContent content() {
        contentLoads++;
        return content;
    }
}
