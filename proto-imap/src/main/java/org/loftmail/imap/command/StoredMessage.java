package org.loftmail.imap.command;

import java.util.function.LongPredicate;
import org.loftmail.core.mime.MessageSummary;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.message.MessageAccess;

/** A message of the selected mailbox whose summary and bytes are read from the store on first use. */
public final class StoredMessage implements MessageAccess {
    private final UserStore store;
    private final MailboxGuid mailbox;
    private final long seq;
    private final MessageInfo info;
    private final LongPredicate recentOf;
    private MessageSummary summary;
    private MessageContent content;

    public StoredMessage(UserStore store, MailboxGuid mailbox, long seq, MessageInfo info, boolean recent) {
        this(store, mailbox, seq, info, uid -> recent);
    }

    /** {@code recentOf} is asked only if someone wants to know (SEARCH RECENT, FETCH FLAGS). */
    public StoredMessage(UserStore store, MailboxGuid mailbox, long seq, MessageInfo info, LongPredicate recentOf) {
        this.store = store;
        this.mailbox = mailbox;
        this.seq = seq;
        this.info = info;
        this.recentOf = recentOf;
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
        return recentOf.test(info.uid());
    }

    @Override
    public MessageSummary summary() {
        if (summary == null) {
            summary = store.summary(mailbox, info.uid());
        }
        return summary;
    }

    @Override
    public MessageContent content() {
        if (content == null) {
            content = store.content(info.guid());
        }
        return content;
    }
}
