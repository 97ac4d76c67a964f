package org.loftmail.imap.search;

import java.nio.charset.StandardCharsets;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.model.MessageGuid;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.message.MessageAccess;

/**
 * A message for search tests: real bytes parsed by core, index fields set by hand, and counters
 * (or a ban) on the expensive calls, to check that cheap keys never open the message.
 */
final class TestMessage implements MessageAccess {
    private long seq = 1;
    private long uid = 1;
    private Flags flags = Flags.NONE;
    private long modSeq = 1;
    private long internalDate;
    private boolean recent;
    private final MessageContent content;
    private MessageSummary summary;
    private boolean sealed;
    int summaryCalls;
    int contentCalls;

    private TestMessage(MessageContent content) {
        this.content = content;
    }

    /** A message from text with LF line ends, sent as CRLF. */
    static TestMessage of(String text) {
        return of(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static TestMessage of(byte[] bytes) {
        return new TestMessage(MessageContent.of(bytes));
    }

    static TestMessage of(MessageContent content) {
        return new TestMessage(content);
    }

    TestMessage seq(long n) {
        seq = n;
        return this;
    }

    TestMessage uid(long n) {
        uid = n;
        return this;
    }

    TestMessage flags(int system, String... keywords) {
        flags = Flags.of(system, keywords);
        return this;
    }

    TestMessage modSeq(long n) {
        modSeq = n;
        return this;
    }

    TestMessage internalDate(long epochMillis) {
        internalDate = epochMillis;
        return this;
    }

    TestMessage recent(boolean r) {
        recent = r;
        return this;
    }

    /** From now on summary() and content() fail the test. */
    TestMessage sealed() {
        sealed = true;
        return this;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public MessageInfo info() {
        // RFC822.SIZE comes from the index; here the content's size (tests use CRLF throughout).
        return new MessageInfo(uid, new MessageGuid(0, uid), flags, modSeq, internalDate, content.size(),
                content.size());
    }

    @Override
    public boolean recent() {
        return recent;
    }

    @Override
    public MessageSummary summary() {
        summaryCalls++;
        if (sealed) {
            throw new AssertionError("summary() called");
        }
        if (summary == null) {
            summary = MessageSummary.parse(content, internalDate);
        }
        return summary;
    }

    @Override
    public MessageContent content() {
        contentCalls++;
        if (sealed) {
            throw new AssertionError("content() called");
        }
        return content;
    }
}
