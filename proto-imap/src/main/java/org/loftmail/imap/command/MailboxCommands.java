package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MailboxStatus;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.UserStore;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.StatusItem;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.wire.Capability;
import org.loftmail.imap.wire.ListExtendedItem;
import org.loftmail.imap.wire.ListResponse;
import org.loftmail.imap.wire.MailboxAttribute;
import org.loftmail.imap.wire.Namespace;
import org.loftmail.imap.wire.NumberSet;
import org.loftmail.imap.wire.ResponseCode;
import org.loftmail.imap.wire.UntaggedResponses;

/**
 * Commands on mailboxes as a whole: SELECT/EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE,
 * UNSUBSCRIBE, LIST (RFC 5258 LIST-EXTENDED, RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE),
 * LSUB, STATUS and NAMESPACE.
 */
final class MailboxCommands {
    private static final Flags SYSTEM_FLAGS = Flags.of(Flags.ALL_SYSTEM);

    boolean handles(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.Select) {
            select(s, (ImapCommand.Select) c);
        } else if (c instanceof ImapCommand.Create) {
            create(s, (ImapCommand.Create) c);
        } else if (c instanceof ImapCommand.Delete) {
            delete(s, (ImapCommand.Delete) c);
        } else if (c instanceof ImapCommand.Rename) {
            rename(s, (ImapCommand.Rename) c);
        } else if (c instanceof ImapCommand.Subscribe) {
            subscribe(s, c.tag(), ((ImapCommand.Subscribe) c).mailbox(), true);
        } else if (c instanceof ImapCommand.Unsubscribe) {
            subscribe(s, c.tag(), ((ImapCommand.Unsubscribe) c).mailbox(), false);
        } else if (c instanceof ImapCommand.ListMailboxes) {
            list(s, (ImapCommand.ListMailboxes) c);
        } else if (c instanceof ImapCommand.Lsub) {
            lsub(s, (ImapCommand.Lsub) c);
        } else if (c instanceof ImapCommand.Status) {
            status(s, (ImapCommand.Status) c);
        } else if (c instanceof ImapCommand.Namespace) {
            UntaggedResponses.namespace(s.writer(), List.of(new Namespace("", MailboxName.SEPARATOR)), List.of(),
                    List.of());
            s.ok(c.tag(), null, "Namespace completed.");
        } else {
            return false;
        }
        return true;
    }

    /** The existing mailbox a client named, or null after answering NO. */
    static MailboxInfo existing(ImapSession s, String tag, String raw, boolean tryCreate) {
        MailboxName name = MailboxNames.decode(s, raw);
        if (name == null) {
            s.no(tag, ResponseCode.Simple.CANNOT, "Invalid mailbox name.");
            return null;
        }
        Optional<MailboxInfo> m = s.store().mailbox(name);
        if (m.isEmpty()) {
            s.no(tag, tryCreate ? ResponseCode.Simple.TRYCREATE : ResponseCode.Simple.NONEXISTENT,
                    "Mailbox doesn't exist: " + name.value());
            return null;
        }
        return m.get();
    }

    private void select(ImapSession s, ImapCommand.Select c) {
        boolean rev2 = s.enabled().contains(Capability.IMAP4REV2);
        if (c.qresync() != null && !s.qresync()) {
            s.bad(c.tag(), "QRESYNC isn't enabled.");
            return;
        }
        boolean hadSelected = s.selected() != null;
        s.unselect();
        if (hadSelected && (rev2 || s.qresync())) {
            s.writer().status(null, org.loftmail.imap.wire.Condition.OK, ResponseCode.Simple.CLOSED,
                    "Previous mailbox closed.");
        }
        MailboxInfo info = existing(s, c.tag(), c.mailbox(), false);
        if (info == null) {
            return;
        }
        if (c.condStore() || c.qresync() != null) {
            s.condStoreOn();
        }
        SelectedMailbox m = s.select(info, c.readOnly());
        Flags defined = new Flags(Flags.ALL_SYSTEM, m.keywords());
        UntaggedResponses.flags(s.writer(), defined);
        s.writer().status(null, org.loftmail.imap.wire.Condition.OK,
                new ResponseCode.PermanentFlags(c.readOnly() ? Flags.NONE : defined, !c.readOnly()),
                c.readOnly() ? "Read-only mailbox." : "Flags permitted.");
        UntaggedResponses.exists(s.writer(), m.count());
        if (!rev2) {
            UntaggedResponses.recent(s.writer(), m.recentCount());
            if (m.firstUnseen() > 0) {
                s.writer().status(null, org.loftmail.imap.wire.Condition.OK, new ResponseCode.Unseen(m.firstUnseen()),
                        "First unseen.");
            }
        }
        s.writer().status(null, org.loftmail.imap.wire.Condition.OK, new ResponseCode.UidValidity(info.uidValidity()),
                "UIDs valid");
        MailboxStatus status = s.store().status(info.guid());
        s.writer().status(null, org.loftmail.imap.wire.Condition.OK, new ResponseCode.UidNext(status.uidNext()),
                "Predicted next UID");
        // RFC 7162 section 3.1.2.1: every successful SELECT/EXAMINE names the highest modseq (as Dovecot does).
        s.writer().status(null, org.loftmail.imap.wire.Condition.OK, new ResponseCode.HighestModSeq(status.highestModSeq()),
                "Highest");
        if (rev2) {
            UntaggedResponses.list(s.writer(), new ListResponse(Set.of(), info.specialUse(), MailboxName.SEPARATOR,
                    info.name(), List.of()));
        }
        if (c.qresync() != null && c.qresync().uidValidity() == info.uidValidity()) {
            resync(s, m, c.qresync());
        }
        s.ok(c.tag(), c.readOnly() ? ResponseCode.Simple.READ_ONLY : ResponseCode.Simple.READ_WRITE,
                c.readOnly() ? "Examine completed." : "Select completed.");
    }

    /**
     * RFC 7162 section 3.2.5: what changed since the client's modseq, among the UIDs it knows
     * ({@code known-uids}, or all): one {@code VANISHED (EARLIER)} for the expunged, then a
     * FETCH with UID, FLAGS and MODSEQ for each message changed or added. The sequence match
     * data is not needed: the expunge log is complete.
     */
    private static void resync(ImapSession s, SelectedMailbox m, ImapCommand.QResync q) {
        long maxUid = s.store().status(m.guid()).uidNext() - 1;
        java.util.function.LongPredicate known = q.knownUids() == null ? uid -> true
                : uid -> q.knownUids().contains(uid, maxUid);
        long[] gone = s.store().expungedSince(m.guid(), q.modSeq()).stream().mapToLong(Long::longValue)
                .filter(known).toArray();
        if (gone.length > 0) {
            UntaggedResponses.vanished(s.writer(), true, NumberSet.sorted(gone));
        }
        List<MessageInfo> changed = new java.util.ArrayList<>(s.store().changedSince(m.guid(), q.modSeq()));
        changed.sort(java.util.Comparator.comparingLong(MessageInfo::uid));
        boolean rev2 = s.enabled().contains(Capability.IMAP4REV2);
        for (MessageInfo info : changed) {
            int seq = m.seq(info.uid());
            if (seq == 0 || !known.test(info.uid())) {
                continue;
            }
            org.loftmail.imap.wire.FetchResponse f = org.loftmail.imap.wire.FetchResponse.begin(s.writer(), seq);
            f.uid(info.uid());
            f.flags(info.flags(), !rev2 && m.recent(info.uid()));
            f.modSeq(info.modSeq());
            f.end();
            m.reported(info);
        }
    }

    private void create(ImapSession s, ImapCommand.Create c) {
        // RFC 3501: a trailing separator only says the client intends to create children.
        String raw = c.mailbox();
        if (raw.endsWith(String.valueOf(MailboxName.SEPARATOR)) && raw.length() > 1) {
            raw = raw.substring(0, raw.length() - 1);
        }
        MailboxName name = MailboxNames.decode(s, raw);
        if (name == null) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "Invalid mailbox name.");
            return;
        }
        if (s.store().mailbox(name).isPresent()) {
            s.no(c.tag(), ResponseCode.Simple.ALREADYEXISTS, "Mailbox already exists");
            return;
        }
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        for (String u : c.specialUse()) {
            SpecialUse use = specialUse(u);
            if (use == null) {
                s.no(c.tag(), ResponseCode.Simple.CANNOT, "Unsupported special-use attribute " + u);
                return;
            }
            uses.add(use);
        }
        s.store().create(name, uses);
        s.ok(c.tag(), null, "Create completed.");
    }

    private static SpecialUse specialUse(String attribute) {
        for (SpecialUse u : SpecialUse.values()) {
            if (u.attribute().equalsIgnoreCase(attribute)) {
                return u;
            }
        }
        return null;
    }

    private void delete(ImapSession s, ImapCommand.Delete c) {
        MailboxInfo info = existing(s, c.tag(), c.mailbox(), false);
        if (info == null) {
            return;
        }
        if (info.name().isInbox()) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "INBOX can't be deleted.");
            return;
        }
        SelectedMailbox sel = s.selected();
        if (sel != null && sel.guid().equals(info.guid())) {
            // RFC 9051 allows deleting the selected mailbox; the session leaves it first.
            s.unselect();
        }
        s.store().delete(info.name());
        s.ok(c.tag(), null, "Delete completed.");
    }

    private void rename(ImapSession s, ImapCommand.Rename c) {
        MailboxInfo from = existing(s, c.tag(), c.from(), false);
        if (from == null) {
            return;
        }
        MailboxName to = MailboxNames.decode(s, c.to());
        if (to == null) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "Invalid mailbox name.");
            return;
        }
        if (s.store().mailbox(to).isPresent()) {
            s.no(c.tag(), ResponseCode.Simple.ALREADYEXISTS, "Target mailbox already exists");
            return;
        }
        if (from.name().isAncestorOf(to) || from.name().equals(to)) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "Can't rename mailbox under itself.");
            return;
        }
        s.store().rename(from.name(), to);
        s.ok(c.tag(), null, "Rename completed.");
    }

    private void subscribe(ImapSession s, String tag, String raw, boolean on) {
        MailboxName name = MailboxNames.decode(s, raw);
        if (name == null) {
            s.no(tag, ResponseCode.Simple.CANNOT, "Invalid mailbox name.");
            return;
        }
        if (on && s.store().mailbox(name).isEmpty()) {
            s.no(tag, ResponseCode.Simple.NONEXISTENT, "Mailbox doesn't exist: " + name.value());
            return;
        }
        s.store().subscribe(name, on);
        s.ok(tag, null, on ? "Subscribe completed." : "Unsubscribe completed.");
    }

    // ---- LIST / LSUB ----

    private void list(ImapSession s, ImapCommand.ListMailboxes c) {
        String reference = MailboxNames.unicode(s, c.reference());
        if (reference == null) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "Invalid reference.");
            return;
        }
        if (c.patterns().size() == 1 && c.patterns().get(0).isEmpty()) {
            // RFC 3501: the hierarchy delimiter and the root of the reference.
            s.writer().untagged().atom("LIST").sp().openParen().atom("\\Noselect").closeParen().sp()
                    .quoted(String.valueOf(MailboxName.SEPARATOR)).sp().quoted("").crlf();
            s.ok(c.tag(), null, "List completed.");
            return;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String p : c.patterns()) {
            String u = MailboxNames.unicode(s, p);
            if (u == null) {
                s.no(c.tag(), ResponseCode.Simple.CANNOT, "Invalid pattern.");
                return;
            }
            patterns.add(MailboxNames.pattern(reference, u));
        }
        boolean subscribedOnly = c.selectOptions().contains("SUBSCRIBED");
        boolean specialUseOnly = c.selectOptions().contains("SPECIAL-USE");
        boolean recursive = c.selectOptions().contains("RECURSIVEMATCH");
        boolean returnSubscribed = subscribedOnly || c.returnOptions().contains("SUBSCRIBED");
        UserStore store = s.store();
        Tree tree = new Tree(store.mailboxes(), returnSubscribed || recursive ? store.subscriptions() : List.of());
        for (Map.Entry<MailboxName, MailboxInfo> e : tree.names.entrySet()) {
            MailboxName name = e.getKey();
            MailboxInfo info = e.getValue();
            boolean matches = matches(patterns, name);
            boolean subscribed = tree.subscribed.contains(name);
            List<ListExtendedItem> extended = List.of();
            if (subscribedOnly) {
                boolean childSubscribed = recursive && tree.hasSubscribedChild(name);
                if (!matches || (!subscribed && !childSubscribed)) {
                    continue;
                }
                if (!subscribed) {
                    extended = List.of(new ListExtendedItem.ChildInfo(List.of("SUBSCRIBED")));
                }
            } else if (!matches) {
                continue;
            }
            if (specialUseOnly && (info == null || info.specialUse().isEmpty())) {
                continue;
            }
            if (info == null && !tree.exists(name) && !subscribedOnly) {
                continue;
            }
            Set<MailboxAttribute> attrs = EnumSet.noneOf(MailboxAttribute.class);
            if (info == null) {
                attrs.add(tree.exists(name) ? MailboxAttribute.NOSELECT : MailboxAttribute.NONEXISTENT);
            }
            if (tree.exists(name)) {
                attrs.add(tree.hasChildren(name) ? MailboxAttribute.HAS_CHILDREN : MailboxAttribute.HAS_NO_CHILDREN);
            }
            if (returnSubscribed && subscribed) {
                attrs.add(MailboxAttribute.SUBSCRIBED);
            }
            Set<SpecialUse> uses = info == null ? Set.of() : info.specialUse();
            UntaggedResponses.list(s.writer(), new ListResponse(attrs, uses, MailboxName.SEPARATOR, name, extended));
            if (info != null && !c.returnStatus().isEmpty()) {
                writeStatus(s, info, c.returnStatus());
            }
        }
        s.ok(c.tag(), null, "List completed.");
    }

    private void lsub(ImapSession s, ImapCommand.Lsub c) {
        String reference = MailboxNames.unicode(s, c.reference());
        String pattern = MailboxNames.unicode(s, c.pattern());
        if (reference == null || pattern == null) {
            s.no(c.tag(), ResponseCode.Simple.CANNOT, "Invalid pattern.");
            return;
        }
        Pattern p = MailboxNames.pattern(reference, pattern);
        Tree tree = new Tree(s.store().mailboxes(), s.store().subscriptions());
        Set<MailboxName> sent = new TreeSet<>();
        for (MailboxName name : tree.subscribed) {
            if (p.matcher(name.value()).matches()) {
                if (sent.add(name)) {
                    UntaggedResponses.lsub(s.writer(), ListResponse.of(name));
                }
            } else {
                // RFC 3501: with %, a non-subscribed parent of a subscribed name is listed \Noselect.
                for (MailboxName parent : name.lineage()) {
                    if (!parent.equals(name) && !tree.subscribed.contains(parent)
                            && p.matcher(parent.value()).matches() && sent.add(parent)) {
                        UntaggedResponses.lsub(s.writer(), ListResponse.of(parent, MailboxAttribute.NOSELECT));
                    }
                }
            }
        }
        s.ok(c.tag(), null, "Lsub completed.");
    }

    private static boolean matches(List<Pattern> patterns, MailboxName name) {
        for (Pattern p : patterns) {
            if (p.matcher(name.value()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** All names LIST can show: mailboxes, their missing parents, and subscriptions. */
    private static final class Tree {
        final TreeMap<MailboxName, MailboxInfo> names = new TreeMap<>();
        final Set<MailboxName> subscribed;
        private final Set<MailboxName> existingOrParent = new TreeSet<>();

        Tree(List<MailboxInfo> mailboxes, List<MailboxName> subscriptions) {
            for (MailboxInfo m : mailboxes) {
                for (MailboxName n : m.name().lineage()) {
                    existingOrParent.add(n);
                    names.putIfAbsent(n, null);
                }
                names.put(m.name(), m);
            }
            subscribed = new TreeSet<>(subscriptions);
            for (MailboxName n : subscribed) {
                names.putIfAbsent(n, null);
            }
        }

        boolean exists(MailboxName n) {
            return existingOrParent.contains(n);
        }

        boolean hasChildren(MailboxName n) {
            // Names starting with n's text are contiguous in the map; children are among them.
            for (MailboxName k : names.tailMap(n, false).keySet()) {
                if (!k.value().startsWith(n.value())) {
                    return false;
                }
                if (n.isAncestorOf(k) && exists(k)) {
                    return true;
                }
            }
            return false;
        }

        boolean hasSubscribedChild(MailboxName n) {
            for (MailboxName s : subscribed) {
                if (n.isAncestorOf(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- STATUS ----

    private void status(ImapSession s, ImapCommand.Status c) {
        MailboxInfo info = existing(s, c.tag(), c.mailbox(), false);
        if (info == null) {
            return;
        }
        writeStatus(s, info, c.items());
        s.ok(c.tag(), null, "Status completed.");
    }

    static void writeStatus(ImapSession s, MailboxInfo info, List<StatusItem> items) {
        MailboxStatus st = s.store().status(info.guid());
        Map<StatusItem, Long> values = new LinkedHashMap<>();
        for (StatusItem i : items) {
            values.put(i, value(s, info, st, i));
        }
        UntaggedResponses.status(s.writer(), info.name(), values);
    }

    private static long value(ImapSession s, MailboxInfo info, MailboxStatus st, StatusItem i) {
        switch (i) {
            case MESSAGES:
                return st.messages();
            case RECENT:
                SelectedMailbox sel = s.selected();
                return sel != null && sel.guid().equals(info.guid()) ? sel.recentCount() : 0;
            case UIDNEXT:
                return st.uidNext();
            case UIDVALIDITY:
                return st.uidValidity();
            case UNSEEN:
                return st.unseen();
            case DELETED:
                long deleted = 0;
                for (MessageInfo m : s.store().messages(info.guid(), 1, Long.MAX_VALUE)) {
                    if (m.flags().has(Flags.DELETED)) {
                        deleted++;
                    }
                }
                return deleted;
            case SIZE:
                return st.vsize();
            case HIGHESTMODSEQ:
                s.condStoreOn();
                return st.highestModSeq();
            case APPENDLIMIT:
                return s.settings().limits().maxLiteralSize();
            default:
                throw new IllegalStateException(i.name());
        }
    }
}
