package org.loftmail.imap.command;

import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.loftmail.core.model.Flags;
import org.loftmail.core.store.FlagUpdate;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.fetch.FetchRenderer;
import org.loftmail.imap.fetch.UnknownCteException;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.wire.ResponseCode;

/**
 * FETCH and UID FETCH: index records are read in runs of consecutive messages, {@code \Seen} is
 * set in one transaction for every non-PEEK body fetch, then each message is rendered and
 * streamed with the session's backpressure.
 */
final class FetchCommand {
    private final ZoneId zone = ZoneId.systemDefault();

    void fetch(ImapSession s, ImapCommand.Fetch c) {
        SelectedMailbox sel = s.selected();
        if (!c.uid() && !sel.validSequence(c.set())) {
            s.bad(c.tag(), "Invalid messageset.");
            return;
        }
        if (c.vanished() && !s.qresync()) {
            s.bad(c.tag(), "VANISHED needs ENABLE QRESYNC.");
            return;
        }
        List<FetchAttribute> items = new ArrayList<>(c.attributes());
        if (c.uid() && !items.contains(FetchAttribute.Item.UID)) {
            items.add(0, FetchAttribute.Item.UID);
        }
        if (c.changedSince() >= 0 || items.contains(FetchAttribute.Item.MODSEQ)) {
            s.condStoreOn();
        }
        // RFC 7162 section 3.1.4.1: with CONDSTORE on, CHANGEDSINCE answers and flags carry MODSEQ.
        if (s.condStore() && !items.contains(FetchAttribute.Item.MODSEQ)
                && (c.changedSince() >= 0 || items.contains(FetchAttribute.Item.FLAGS))) {
            items.add(FetchAttribute.Item.MODSEQ);
        }
        if (c.vanished()) {
            vanishedEarlier(s, sel, c);
        }
        List<Long> wanted = new ArrayList<>();
        boolean expungeIssued = false;
        for (long uid : sel.resolve(c.set(), c.uid())) {
            if (sel.expungedLater(uid)) {
                expungeIssued = true;
            } else {
                wanted.add(uid);
            }
        }
        List<MessageInfo> infos;
        boolean missing;
        if (c.changedSince() >= 0) {
            // The modseq index names what changed: a resync costs the changes, not the mailbox.
            infos = changedSince(s, sel, wanted, c.changedSince());
            missing = false;
        } else {
            infos = load(s, sel, wanted);
            missing = infos.size() < wanted.size();
        }
        if (!sel.readOnly() && setsSeen(items)) {
            List<MessageInfo> marked = markSeen(s, sel, infos);
            // RFC 3501: the new flags go with the FETCH response when \Seen was set by it.
            if (marked != infos && !items.contains(FetchAttribute.Item.FLAGS)) {
                items.add(FetchAttribute.Item.FLAGS);
                if (s.condStore() && !items.contains(FetchAttribute.Item.MODSEQ)) {
                    items.add(FetchAttribute.Item.MODSEQ);
                }
            }
            infos = marked;
        }
        try {
            int seq = 0;
            for (MessageInfo m : infos) {
                seq = sel.seqAfter(m.uid(), seq);
                FetchRenderer.render(s.out(), new StoredMessage(s.store(), sel.guid(), seq, m, sel.recent(m.uid())),
                        items, zone);
            }
        } catch (UnknownCteException e) {
            s.no(c.tag(), ResponseCode.Simple.UNKNOWN_CTE, e.getMessage());
            return;
        } catch (UncheckedIOException e) {
            // Part of a response may be on the wire already: the only safe answer is to hang up.
            org.slf4j.LoggerFactory.getLogger(FetchCommand.class).error("FETCH failed for {}", s.userName(), e);
            s.bye("Internal error reading a message; disconnecting.");
            return;
        }
        if (expungeIssued || missing) {
            s.no(c.tag(), ResponseCode.Simple.EXPUNGEISSUED, "Some messages were also expunged.");
        } else {
            s.ok(c.tag(), null, "Fetch completed.", c.uid());
        }
    }

    /**
     * RFC 7162 UID FETCH … (CHANGEDSINCE m VANISHED): the UIDs of the requested set expunged
     * after modseq m, before any FETCH response. "*" is the highest UID ever given out.
     */
    private static void vanishedEarlier(ImapSession s, SelectedMailbox sel, ImapCommand.Fetch c) {
        long maxUid = s.store().status(sel.guid()).uidNext() - 1;
        long[] gone = s.store().expungedSince(sel.guid(), c.changedSince()).stream().mapToLong(Long::longValue)
                .filter(uid -> c.set().contains(uid, maxUid)).toArray();
        if (gone.length > 0) {
            org.loftmail.imap.wire.UntaggedResponses.vanished(s.writer(), true,
                    org.loftmail.imap.wire.NumberSet.sorted(gone));
        }
    }

    /** The messages among {@code uids} (ascending, all in the view) with a modseq above {@code modSeq}, in UID order. */
    private static List<MessageInfo> changedSince(ImapSession s, SelectedMailbox sel, List<Long> uids, long modSeq) {
        java.util.Set<Long> asked = new java.util.HashSet<>(uids);
        List<MessageInfo> out = new ArrayList<>();
        for (MessageInfo m : s.store().changedSince(sel.guid(), modSeq)) {
            if (asked.contains(m.uid())) {
                out.add(m);
            }
        }
        out.sort(java.util.Comparator.comparingLong(MessageInfo::uid));
        return out;
    }

    /** Index records of {@code uids} (ascending), read a run of consecutive messages at a time. */
    static List<MessageInfo> load(ImapSession s, SelectedMailbox sel, List<Long> uids) {
        List<MessageInfo> out = new ArrayList<>(uids.size());
        int[] seqs = new int[uids.size()];
        int last = 0;
        for (int k = 0; k < seqs.length; k++) {
            seqs[k] = sel.seqAfter(uids.get(k), last);
            last = Math.max(last, seqs[k]);
        }
        int i = 0;
        while (i < uids.size()) {
            int j = i;
            while (j + 1 < uids.size() && seqs[j + 1] == seqs[j] + 1) {
                j++;
            }
            // The store may hold messages in the range this session has not been told of yet.
            int seen = i == 0 ? 0 : seqs[i - 1];
            for (MessageInfo m : s.store().messages(sel.guid(), uids.get(i), uids.get(j))) {
                int seq = sel.seqAfter(m.uid(), seen);
                if (seq > 0) {
                    out.add(m);
                    seen = seq;
                }
            }
            i = j + 1;
        }
        return out;
    }

    private static boolean setsSeen(List<FetchAttribute> items) {
        for (FetchAttribute a : items) {
            if ((a instanceof FetchAttribute.Body && !((FetchAttribute.Body) a).peek())
                    || (a instanceof FetchAttribute.Binary && !((FetchAttribute.Binary) a).peek())
                    || a == FetchAttribute.Item.RFC822 || a == FetchAttribute.Item.RFC822_TEXT) {
                return true;
            }
        }
        return false;
    }

    private static List<MessageInfo> markSeen(ImapSession s, SelectedMailbox sel, List<MessageInfo> infos) {
        List<Long> unseen = new ArrayList<>();
        for (MessageInfo m : infos) {
            if (!m.flags().has(Flags.SEEN)) {
                unseen.add(m.uid());
            }
        }
        if (unseen.isEmpty()) {
            return infos;
        }
        java.util.Map<Long, MessageInfo> updated = new java.util.HashMap<>();
        for (MessageInfo m : s.store().store(sel.guid(), unseen, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)))) {
            sel.reported(m);
            updated.put(m.uid(), m);
        }
        List<MessageInfo> out = new ArrayList<>(infos.size());
        for (MessageInfo m : infos) {
            out.add(updated.getOrDefault(m.uid(), m));
        }
        return out;
    }
}
