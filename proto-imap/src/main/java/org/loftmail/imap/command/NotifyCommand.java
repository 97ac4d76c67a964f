package org.loftmail.imap.command;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.fetch.FetchRenderer;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.StatusItem;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.NotifyState;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.wire.ListExtendedItem;
import org.loftmail.imap.wire.ListResponse;
import org.loftmail.imap.wire.MailboxAttribute;
import org.loftmail.imap.wire.ImapResponseWriter;
import org.loftmail.imap.wire.ResponseCode;
import org.loftmail.imap.wire.UntaggedResponses;

/**
 * RFC 5465 NOTIFY. After NOTIFY SET the session pushes, between commands and during IDLE:
 * for the selected mailbox EXISTS (then MessageNew's FETCH), EXPUNGE (only with
 * {@code selected}; {@code selected-delayed} keeps them for a command that allows them) and
 * FETCH FLAGS; for other mailboxes a STATUS (MESSAGES UIDNEXT UIDVALIDITY UNSEEN, and
 * HIGHESTMODSEQ once CONDSTORE is on); LIST for created, deleted and renamed mailboxes and for
 * subscription changes; {@code * METADATA mailbox entry …} (RFC 5464 section 4.4.2: names only)
 * for MailboxMetadataChange and ServerMetadataChange. AnnotationChange is refused with BADEVENT
 * (no ANNOTATE here).
 */
final class NotifyCommand {
    static final List<String> SUPPORTED = List.of("MessageNew", "MessageExpunge", "FlagChange", "MailboxName",
            "SubscriptionChange", "MailboxMetadataChange", "ServerMetadataChange");
    private static final ZoneId ZONE = ZoneId.systemDefault();

    void notify(ImapSession s, ImapCommand.Notify c) {
        if (c.groups() == null) {
            // NONE: no events at all, not even the EXISTS and flag FETCHes of the selected
            // mailbox that a session without NOTIFY gets (as Dovecot); expunges are still told.
            s.setNotify(new NotifyState(new ImapCommand.Notify(c.tag(), false, List.of())));
            s.ok(c.tag(), null, "NOTIFY completed.");
            return;
        }
        for (ImapCommand.NotifyGroup g : c.groups()) {
            for (String e : g.events()) {
                if (!SUPPORTED.contains(e)) {
                    s.no(c.tag(), new ResponseCode.BadEvent(SUPPORTED), "Unsupported NOTIFY events.");
                    return;
                }
            }
        }
        NotifyState state = new NotifyState(c);
        for (MailboxInfo m : s.store().mailboxes()) {
            state.names.put(m.guid(), m.name());
        }
        state.subscribed = Set.copyOf(s.store().subscriptions());
        // What the client could know of metadata now; later changes are told against it.
        if (watchesServer(state)) {
            state.entries.put(NotifyState.SERVER, fingerprints(s.store().metadata(null)));
        }
        for (MailboxInfo m : s.store().mailboxes()) {
            if (watches(state, m.name(), "MailboxMetadataChange")) {
                state.entries.put(m.guid(), fingerprints(s.store().metadata(m.guid())));
            }
        }
        s.setNotify(state);
        if (c.status()) {
            SelectedMailbox sel = s.selected();
            for (MailboxInfo m : s.store().mailboxes()) {
                if ((sel == null || !sel.guid().equals(m.guid())) && watches(state, m.name(), "MessageNew", "FlagChange")) {
                    status(s, m);
                }
            }
        }
        // The tagged OK syncs the selected mailbox: RFC 5465's implicit NOOP.
        s.ok(c.tag(), null, "NOTIFY completed.");
    }

    /** What changed since the last push; on the session's worker, between commands. */
    static void push(ImapSession s) {
        NotifyState state = s.notifyState();
        if (state == null || s.store() == null) {
            return;
        }
        SelectedMailbox sel = s.selected();
        ImapCommand.NotifyGroup selectedGroup = state.selectedGroup();
        if (state.takeSelectedChanged() && sel != null && selectedGroup != null) {
            s.sync(selectedGroup.filter().equals("selected"), true); // RFC 5465 section 5.1: with UID
        }
        for (Map.Entry<MailboxGuid, Integer> e : state.takeMailboxes().entrySet()) {
            if (sel != null && sel.guid().equals(e.getKey())) {
                continue;
            }
            MailboxInfo m = s.store().mailbox(e.getKey()).orElse(null);
            boolean messages = (e.getValue() & NotifyState.MESSAGES) != 0;
            if (m != null && (messages ? watches(state, m.name(), "MessageNew") : watches(state, m.name(), "FlagChange"))) {
                status(s, m);
            }
        }
        if (state.takeNamesChanged()) {
            names(s, state);
        }
        for (MailboxGuid g : state.takeMetadata()) {
            metadata(s, state, g);
        }
    }

    /** {@code * METADATA} with the names of the entries set, changed or removed since last told. */
    private static void metadata(ImapSession s, NotifyState state, MailboxGuid g) {
        boolean server = g.equals(NotifyState.SERVER);
        MailboxInfo m = server ? null : s.store().mailbox(g).orElse(null);
        if (!server && m == null) {
            state.entries.remove(g); // deleted: MailboxName tells
            return;
        }
        Map<String, Long> now = fingerprints(s.store().metadata(server ? null : g));
        Map<String, Long> before = state.entries.getOrDefault(g, Map.of());
        state.entries.put(g, now);
        if (server ? !watchesServer(state) : !watches(state, m.name(), "MailboxMetadataChange")) {
            return;
        }
        java.util.SortedSet<String> changed = new java.util.TreeSet<>();
        now.forEach((name, f) -> {
            if (!f.equals(before.get(name))) {
                changed.add(name);
            }
        });
        for (String name : before.keySet()) {
            if (!now.containsKey(name)) {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        ImapResponseWriter w = s.writer();
        w.untagged().atom("METADATA").sp();
        if (server) {
            w.quoted("");
        } else {
            w.mailbox(m.name());
        }
        for (String name : changed) {
            w.sp().astring(name);
        }
        w.crlf();
    }

    /** Entry name → a 64-bit fingerprint of its value, enough to tell a changed value. */
    private static Map<String, Long> fingerprints(Map<String, byte[]> entries) {
        Map<String, Long> out = new java.util.HashMap<>();
        entries.forEach((name, value) -> {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(value);
            out.put(name, crc.getValue() << 32 ^ Arrays.hashCode(value) ^ value.length);
        });
        return out;
    }

    private static boolean watchesServer(NotifyState state) {
        for (ImapCommand.NotifyGroup g : state.spec().groups()) {
            if (!g.selected() && g.events().contains("ServerMetadataChange")) {
                return true;
            }
        }
        return false;
    }

    /**
     * MessageNew's fetch attributes for the messages above {@code knownUid}, sent right after
     * their EXISTS (so before the FETCH of flag changes and before ESEARCH updates), whichever
     * command or push reported them.
     */
    static void newMessages(ImapSession s, long knownUid) {
        NotifyState state = s.notifyState();
        ImapCommand.NotifyGroup group = state == null ? null : state.selectedGroup();
        SelectedMailbox sel = s.selected();
        if (group == null || group.newMessageFetch().isEmpty() || sel == null) {
            return;
        }
        List<FetchAttribute> items = new ArrayList<>(group.newMessageFetch());
        for (MessageInfo m : s.store().messages(sel.guid(), knownUid + 1, sel.maxUid())) {
            int seq = sel.seq(m.uid());
            if (seq > 0) {
                FetchRenderer.render(s.out(), new StoredMessage(s.store(), sel.guid(), seq, m, sel.recent(m.uid())),
                        items, ZONE);
            }
        }
    }

    private static void status(ImapSession s, MailboxInfo m) {
        List<StatusItem> items = new ArrayList<>(List.of(StatusItem.MESSAGES, StatusItem.UIDNEXT, StatusItem.UIDVALIDITY,
                StatusItem.UNSEEN));
        if (s.condStore()) {
            items.add(StatusItem.HIGHESTMODSEQ);
        }
        MailboxCommands.writeStatus(s, m, items);
    }

    /** LIST for mailboxes created, deleted or renamed, and for subscriptions that changed. */
    private static void names(ImapSession s, NotifyState state) {
        List<MailboxInfo> now = s.store().mailboxes();
        Set<MailboxName> subscribed = Set.copyOf(s.store().subscriptions());
        Set<MailboxName> existing = new HashSet<>();
        for (MailboxInfo m : now) {
            existing.add(m.name());
        }
        Set<MailboxGuid> seen = new HashSet<>();
        for (MailboxInfo m : now) {
            seen.add(m.guid());
            MailboxName old = state.names.get(m.guid());
            if (old == null || !old.equals(m.name())) {
                if (watches(state, m.name(), "MailboxName") || (old != null && watches(state, old, "MailboxName"))) {
                    list(s, m.name(), existing, subscribed, false,
                            old == null ? List.of() : List.of(new ListExtendedItem.OldName(old)));
                }
            }
        }
        for (Map.Entry<MailboxGuid, MailboxName> e : state.names.entrySet()) {
            if (!seen.contains(e.getKey()) && watches(state, e.getValue(), "MailboxName")) {
                list(s, e.getValue(), existing, subscribed, true, List.of());
            }
        }
        Set<MailboxName> changed = new HashSet<>(subscribed);
        changed.addAll(state.subscribed);
        for (MailboxName name : changed) {
            if (subscribed.contains(name) != state.subscribed.contains(name)
                    && watches(state, name, "SubscriptionChange")) {
                list(s, name, existing, subscribed, !existing.contains(name), List.of());
            }
        }
        state.names.clear();
        for (MailboxInfo m : now) {
            state.names.put(m.guid(), m.name());
        }
        state.subscribed = subscribed;
    }

    private static void list(ImapSession s, MailboxName name, Set<MailboxName> existing, Set<MailboxName> subscribed,
                             boolean gone, List<ListExtendedItem> extended) {
        EnumSet<MailboxAttribute> attributes = EnumSet.noneOf(MailboxAttribute.class);
        if (gone) {
            attributes.add(MailboxAttribute.NONEXISTENT);
        } else {
            boolean children = existing.stream().anyMatch(n -> name.isAncestorOf(n) && !n.equals(name));
            attributes.add(children ? MailboxAttribute.HAS_CHILDREN : MailboxAttribute.HAS_NO_CHILDREN);
        }
        if (subscribed.contains(name)) {
            attributes.add(MailboxAttribute.SUBSCRIBED);
        }
        UntaggedResponses.list(s.writer(), new ListResponse(attributes, Set.of(), MailboxName.SEPARATOR, name, extended));
    }

    /** Whether a non-selected group covering {@code name} asks for one of {@code events}. */
    private static boolean watches(NotifyState state, MailboxName name, String... events) {
        for (ImapCommand.NotifyGroup g : state.spec().groups()) {
            if (g.selected() || !covers(state, g, name)) {
                continue;
            }
            for (String e : events) {
                if (g.events().contains(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean covers(NotifyState state, ImapCommand.NotifyGroup g, MailboxName name) {
        switch (g.filter()) {
            case "inboxes": // RFC 5465 section 6: may be treated as personal
            case "personal":
                return true;
            case "subscribed":
                return state.subscribed.contains(name);
            default:
                for (String raw : g.mailboxes()) {
                    MailboxName m = MailboxName.of(raw);
                    if (m.equals(name) || (g.filter().equals("subtree") && m.isAncestorOf(name))) {
                        return true;
                    }
                }
                return false;
        }
    }
}
