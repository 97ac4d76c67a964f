package org.loftmail.imap.command;

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
    private final boolean recent;
    private MessageSummary summary;
    private MessageContent content;

    public StoredMessage(UserStore store, MailboxGuid mailbox, long seq, MessageInfo info, boolean recent) {
        this.store = store;
        this.mailbox = mailbox;
        this.seq = seq;
        this.info = info;
        this.recent = recent;
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
