package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.AppendResult;
import org.loftmail.core.store.ConditionalStore;
import org.loftmail.core.store.CopyResult;
import org.loftmail.core.store.FlagUpdate;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.wire.Condition;
import org.loftmail.imap.wire.FetchResponse;
import org.loftmail.imap.wire.NumberSet;
import org.loftmail.imap.wire.ResponseCode;

/**
 * Commands that change messages: APPEND (RFC 3502 MULTIAPPEND, RFC 4315 APPENDUID), IDLE, and
 * in the selected state CHECK, CLOSE, UNSELECT, EXPUNGE / UID EXPUNGE, STORE, COPY and MOVE
 * (RFC 6851).
 */
final class MessageCommands {
    boolean handlesAuthenticated(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.Append) {
            append(s, (ImapCommand.Append) c);
        } else if (c instanceof ImapCommand.Idle) {
            s.idle(c.tag());
        } else {
            return false;
        }
        return true;
    }

    boolean handlesSelected(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.Check) {
            s.ok(c.tag(), null, "Check completed.");
        } else if (c instanceof ImapCommand.Close) {
            close(s, c.tag());
        } else if (c instanceof ImapCommand.Unselect) {
            s.unselect();
            s.ok(c.tag(), null, "Unselect completed.");
        } else if (c instanceof ImapCommand.Expunge) {
            expunge(s, (ImapCommand.Expunge) c);
        } else if (c instanceof ImapCommand.Store) {
            store(s, (ImapCommand.Store) c);
        } else if (c instanceof ImapCommand.Copy) {
            ImapCommand.Copy cp = (ImapCommand.Copy) c;
            transfer(s, cp.tag(), cp.uid(), cp.set(), cp.mailbox(), false);
        } else if (c instanceof ImapCommand.Move) {
            ImapCommand.Move mv = (ImapCommand.Move) c;
            transfer(s, mv.tag(), mv.uid(), mv.set(), mv.mailbox(), true);
        } else {
            return false;
        }
        return true;
    }

    /**
     * Parses a flag list; throws {@link IllegalArgumentException} with the BAD text for an
     * unknown system flag or an invalid keyword. {@code \Recent} is dropped: clients cannot set it.
     */
    static Flags flags(List<String> names) {
        int system = 0;
        Set<String> keywords = new HashSet<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                if (n.equalsIgnoreCase("\\Recent")) {
                    continue;
                }
                int bit = Flags.systemBit(n);
                if (bit == 0) {
                    throw new IllegalArgumentException("Invalid system flag " + n);
                }
                system |= bit;
            } else {
                for (int i = 0; i < n.length(); i++) {
                    char ch = n.charAt(i);
                    if (ch <= ' ' || ch >= 0x7f || "(){%*\"\\]".indexOf(ch) >= 0) {
                        throw new IllegalArgumentException("Invalid keyword " + n);
                    }
                }
                keywords.add(n);
            }
        }
        return new Flags(system, keywords);
    }

    private void append(ImapSession s, ImapCommand.Append c) {
        MailboxInfo target = MailboxCommands.existing(s, c.tag(), c.mailbox(), true);
        if (target == null) {
            return;
        }
        List<Flags> flags = new ArrayList<>();
        for (ImapCommand.AppendMessage m : c.messages()) {
            try {
                flags.add(flags(m.flags()));
            } catch (IllegalArgumentException e) {
                s.bad(c.tag(), e.getMessage());
                return;
            }
        }
        List<Long> uids = new ArrayList<>();
        try {
            for (int i = 0; i < c.messages().size(); i++) {
                ImapCommand.AppendMessage m = c.messages().get(i);
                MessageContent content = s.literal(m.content());
                if (content.size() == 0) {
                    throw StorageException.invalid("Can't save a zero byte message.");
                }
                long date = m.internalDate() == null ? System.currentTimeMillis()
                        : m.internalDate().toInstant().toEpochMilli();
                AppendResult r = s.store().append(target.guid(), content, flags.get(i), date);
                uids.add(r.uid());
            }
        } catch (StorageException e) {
            // RFC 3502: MULTIAPPEND is all or nothing; take back what was saved.
            if (!uids.isEmpty()) {
                s.store().expunge(target.guid(), uids);
            }
            throw e;
        }
        SelectedMailbox sel = s.selected();
        if (sel != null && sel.guid().equals(target.guid())) {
            for (long uid : uids) {
                s.appended(uid);
            }
        }
        long[] all = uids.stream().mapToLong(Long::longValue).toArray();
        s.ok(c.tag(), new ResponseCode.AppendUid(target.uidValidity(), NumberSet.of(all)), "Append completed.");
    }

    private void close(ImapSession s, String tag) {
        SelectedMailbox sel = s.selected();
        if (!sel.readOnly()) {
            List<Long> deleted = deletedIn(s, sel, null);
            if (!deleted.isEmpty()) {
                s.store().expunge(sel.guid(), deleted);
            }
        }
        // RFC 3501: CLOSE sends no EXPUNGE responses.
        s.unselect();
        s.ok(tag, null, "Close completed.");
    }

    private void expunge(ImapSession s, ImapCommand.Expunge c) {
        SelectedMailbox sel = s.selected();
        if (sel.readOnly()) {
            s.no(c.tag(), ResponseCode.Simple.READ_ONLY, "Mailbox is read-only.");
            return;
        }
        long[] limit = c.uids() == null ? null : sel.resolve(c.uids(), true);
        List<Long> deleted = deletedIn(s, sel, limit);
        if (!deleted.isEmpty()) {
            s.expunged(s.store().expunge(sel.guid(), deleted));
        }
        s.ok(c.tag(), null, "Expunge completed.");
    }

    /** UIDs in the view flagged \Deleted, optionally only among {@code limit}. */
    private static List<Long> deletedIn(ImapSession s, SelectedMailbox sel, long[] limit) {
        List<Long> out = new ArrayList<>();
        Set<Long> allowed = null;
        if (limit != null) {
            allowed = new HashSet<>();
            for (long u : limit) {
                allowed.add(u);
            }
        }
        for (MessageInfo m : s.store().messages(sel.guid(), 1, Long.MAX_VALUE)) {
            if (m.flags().has(Flags.DELETED) && sel.seq(m.uid()) > 0 && (allowed == null || allowed.contains(m.uid()))) {
                out.add(m.uid());
            }
        }
        return out;
    }

    private void store(ImapSession s, ImapCommand.Store c) {
        SelectedMailbox sel = s.selected();
        if (!c.uid() && !sel.validSequence(c.set())) {
            s.bad(c.tag(), "Invalid messageset.");
            return;
        }
        Flags flags;
        try {
            flags = flags(c.flags());
        } catch (IllegalArgumentException e) {
            s.bad(c.tag(), e.getMessage());
            return;
        }
        if (sel.readOnly()) {
            s.no(c.tag(), ResponseCode.Simple.READ_ONLY, "Mailbox is read-only.");
            return;
        }
        List<Long> uids = new ArrayList<>();
        for (long u : sel.resolve(c.set(), c.uid())) {
            if (!sel.expungedLater(u)) {
                uids.add(u);
            }
        }
        FlagUpdate.Mode mode = c.mode() == ImapCommand.StoreMode.ADD ? FlagUpdate.Mode.ADD
                : c.mode() == ImapCommand.StoreMode.REMOVE ? FlagUpdate.Mode.REMOVE : FlagUpdate.Mode.REPLACE;
        if (c.unchangedSince() >= 0) {
            s.condStoreOn();
        }
        ConditionalStore result = uids.isEmpty() ? new ConditionalStore(List.of(), List.of())
                : s.store().store(sel.guid(), uids, new FlagUpdate(mode, flags), c.unchangedSince());
        boolean rev2 = s.enabled().contains(org.loftmail.imap.wire.Capability.IMAP4REV2);
        boolean modSeq = s.condStore();
        for (MessageInfo m : result.messages()) {
            sel.reported(m);
            // RFC 7162 section 3.1.3: with CONDSTORE, even .SILENT reports each message's new MODSEQ.
            if (!c.silent() || modSeq) {
                FetchResponse f = FetchResponse.begin(s.writer(), sel.seq(m.uid()));
                if (!c.silent()) {
                    f.flags(m.flags(), !rev2 && sel.recent(m.uid()));
                }
                if (c.uid()) {
                    f.uid(m.uid());
                }
                if (modSeq) {
                    f.modSeq(m.modSeq());
                }
                f.end();
            }
        }
        if (!result.modified().isEmpty()) {
            long[] failed = result.modified().stream().mapToLong(u -> c.uid() ? u : sel.seq(u)).toArray();
            s.ok(c.tag(), new ResponseCode.Modified(NumberSet.sorted(failed)), "Conditional STORE failed.", c.uid());
            return;
        }
        s.ok(c.tag(), null, "Store completed.", c.uid());
    }

    private void transfer(ImapSession s, String tag, boolean byUid, org.loftmail.imap.parse.SequenceSet set,
                          String mailbox, boolean move) {
        SelectedMailbox sel = s.selected();
        if (!byUid && !sel.validSequence(set)) {
            s.bad(tag, "Invalid messageset.");
            return;
        }
        MailboxInfo target = MailboxCommands.existing(s, tag, mailbox, true);
        if (target == null) {
            return;
        }
        if (move && sel.readOnly()) {
            s.no(tag, ResponseCode.Simple.READ_ONLY, "Mailbox is read-only.");
            return;
        }
        List<Long> uids = new ArrayList<>();
        boolean expungeIssued = false;
        for (long u : sel.resolve(set, byUid)) {
            if (sel.expungedLater(u)) {
                expungeIssued = true;
            } else {
                uids.add(u);
            }
        }
        if (uids.isEmpty()) {
            s.ok(tag, null, "No messages found.", byUid);
            return;
        }
        CopyResult r = move ? s.store().move(sel.guid(), uids, target.guid())
                : s.store().copy(sel.guid(), uids, target.guid());
        ResponseCode copyUid = new ResponseCode.CopyUid(r.uidValidity(), numbers(r.sourceUids()),
                numbers(r.targetUids()));
        if (target.guid().equals(sel.guid())) {
            for (long u : r.targetUids()) {
                s.appended(u);
            }
        }
        if (move) {
            // RFC 6851: COPYUID goes in an untagged OK before the EXPUNGEs.
            s.writer().status(null, Condition.OK, copyUid, "Moved UIDs.");
            s.expunged(r.sourceUids());
            s.ok(tag, null, "Move completed.", true);
        } else if (expungeIssued) {
            s.no(tag, ResponseCode.Simple.EXPUNGEISSUED, "Some of the requested messages no longer exist.");
        } else {
            s.ok(tag, copyUid, "Copy completed.", byUid);
        }
    }

    private static NumberSet numbers(List<Long> values) {
        return NumberSet.of(values.stream().mapToLong(Long::longValue).toArray());
    }
}
