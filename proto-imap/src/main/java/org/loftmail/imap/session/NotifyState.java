package org.loftmail.imap.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.imap.parse.ImapCommand;

/**
 * A session's RFC 5465 NOTIFY: what the client asked for, what changed since the last push
 * (set on the committing thread, taken on the session's worker), and the mailbox names and
 * subscriptions the client was last told of, to tell creations, deletions, renames and
 * subscription changes apart, and the metadata entries it was last told of (a fingerprint of
 * each value), to tell which entries a change record stands for.
 */
public final class NotifyState {
    public static final int MESSAGES = 1;
    public static final int FLAGS = 2;

    private final ImapCommand.Notify spec;
    private final AtomicBoolean selectedChanged = new AtomicBoolean();
    private final AtomicBoolean namesChanged = new AtomicBoolean();
    private final Map<MailboxGuid, Integer> mailboxes = new ConcurrentHashMap<>();
    /** Mailboxes whose metadata changed; {@link #SERVER} for the server's. */
    private final Set<MailboxGuid> metadata = ConcurrentHashMap.newKeySet();
    /** Stands for the server in {@link #takeMetadata()} and {@link #entries}. */
    public static final MailboxGuid SERVER = new MailboxGuid(0, 0);
    /** Worker only: mailbox (or {@link #SERVER}) → entry name → value fingerprint, as last told. */
    public final Map<MailboxGuid, Map<String, Long>> entries = new HashMap<>();
    /** Worker only: guid → name, and the subscribed names, as last told. */
    public final Map<MailboxGuid, MailboxName> names = new HashMap<>();
    public Set<MailboxName> subscribed = Set.of();

    public NotifyState(ImapCommand.Notify spec) {
        this.spec = spec;
    }

    public ImapCommand.Notify spec() {
        return spec;
    }

    /** The selected or selected-delayed group, or null. */
    public ImapCommand.NotifyGroup selectedGroup() {
        for (ImapCommand.NotifyGroup g : spec.groups()) {
            if (g.selected()) {
                return g;
            }
        }
        return null;
    }

    void selectedChanged() {
        selectedChanged.set(true);
    }

    void namesChanged() {
        namesChanged.set(true);
    }

    void mailboxChanged(MailboxGuid mailbox, int what) {
        mailboxes.merge(mailbox, what, (a, b) -> a | b);
    }

    void metadataChanged(MailboxGuid mailbox) {
        metadata.add(mailbox == null ? SERVER : mailbox);
    }

    /** The mailboxes (and {@link #SERVER}) whose metadata changed since the last call. */
    public Set<MailboxGuid> takeMetadata() {
        Set<MailboxGuid> out = new HashSet<>();
        for (MailboxGuid g : metadata) {
            if (metadata.remove(g)) {
                out.add(g);
            }
        }
        return out;
    }

    public boolean takeSelectedChanged() {
        return selectedChanged.getAndSet(false);
    }

    public boolean takeNamesChanged() {
        return namesChanged.getAndSet(false);
    }

    /** The other mailboxes that changed since the last call: guid → {@link #MESSAGES} | {@link #FLAGS}. */
    public Map<MailboxGuid, Integer> takeMailboxes() {
        Map<MailboxGuid, Integer> out = new HashMap<>();
        for (MailboxGuid g : mailboxes.keySet()) {
            Integer what = mailboxes.remove(g);
            if (what != null) {
                out.put(g, what);
            }
        }
        return out;
    }
}
