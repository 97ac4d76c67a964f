package org.loftmail.pop3.session;

import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.model.Flags;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;

/**
 * INBOX as this session saw it at login (RFC 1939 section 5): messages 1..n in UID order,
 * their CRLF-form sizes, and what the client has marked. Messages that arrive later belong to
 * the next session; messages another session expunges meanwhile keep their numbers. Touched
 * only from the session's queue.
 */
public final class Maildrop {
    private final MailboxInfo inbox;
    private final List<MessageInfo> messages;
    private final UidlFormat uidlFormat;
    private final boolean[] deleted;
    private final boolean[] retrieved;
    private final long totalSize;
    private String[] uidls;
    private int deletedCount;
    private long deletedSize;
    private int topCount;
    private long topBytes;
    private int retrCount;
    private long retrBytes;

    Maildrop(MailboxInfo inbox, List<MessageInfo> messages, UidlFormat uidlFormat) {
        this.inbox = inbox;
        this.messages = List.copyOf(messages);
        this.uidlFormat = uidlFormat;
        this.deleted = new boolean[messages.size()];
        this.retrieved = new boolean[messages.size()];
        long total = 0;
        for (MessageInfo m : messages) {
            total += m.virtualSize();
        }
        this.totalSize = total;
    }

    public MailboxInfo inbox() {
        return inbox;
    }

    /** Messages at login, deleted ones included. */
    public int count() {
        return messages.size();
    }

    public boolean exists(int n) {
        return n >= 1 && n <= messages.size();
    }

    public MessageInfo message(int n) {
        return messages.get(n - 1);
    }

    public boolean deleted(int n) {
        return deleted[n - 1];
    }

    /** The size LIST and STAT report: octets with CRLF line ends. */
    public long size(int n) {
        return messages.get(n - 1).virtualSize();
    }

    public String uidl(int n) {
        if (uidls == null) {
            uidls = new String[messages.size()];
        }
        String u = uidls[n - 1];
        if (u == null) {
            MessageInfo m = messages.get(n - 1);
            u = uidlFormat.expand(m.uid(), inbox.uidValidity(), m.guid());
            uidls[n - 1] = u;
        }
        return u;
    }

    public void delete(int n) {
        if (!deleted[n - 1]) {
            deleted[n - 1] = true;
            deletedCount++;
            deletedSize += size(n);
        }
    }

    /** RSET: nothing is marked any more, and nothing counts as read by this session. */
    public void reset() {
        java.util.Arrays.fill(deleted, false);
        java.util.Arrays.fill(retrieved, false);
        deletedCount = 0;
        deletedSize = 0;
    }

    public int liveCount() {
        return messages.size() - deletedCount;
    }

    public long liveSize() {
        return totalSize - deletedSize;
    }

    public int deletedCount() {
        return deletedCount;
    }

    public long totalSize() {
        return totalSize;
    }

    public void retrieved(int n, long bytes) {
        retrieved[n - 1] = true;
        retrCount++;
        retrBytes += bytes;
    }

    public void topped(long bytes) {
        topCount++;
        topBytes += bytes;
    }

    public List<Long> deletedUids() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i]) {
                out.add(messages.get(i).uid());
            }
        }
        return out;
    }

    /** RETR'd messages that stay and were unseen: they get {@code \Seen} in the UPDATE state, as in Dovecot. */
    public List<Long> newlySeenUids() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < retrieved.length; i++) {
            if (retrieved[i] && !deleted[i] && !messages.get(i).flags().has(Flags.SEEN)) {
                out.add(messages.get(i).uid());
            }
        }
        return out;
    }

    /** Dovecot's default {@code pop3_logout_format}: {@code top=%t/%p, retr=%r/%b, del=%d/%m, size=%s}. */
    public String stats(boolean deletesCommitted) {
        return "top=" + topCount + "/" + topBytes + ", retr=" + retrCount + "/" + retrBytes + ", del="
                + (deletesCommitted ? deletedCount : 0) + "/" + messages.size() + ", size=" + totalSize;
    }
}
