package org.loftmail.imap.command;

import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.model.Flags;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.SearchKey;
import org.loftmail.imap.parse.SearchReturn;
import org.loftmail.imap.search.BadCharsetException;
import org.loftmail.imap.search.SearchEvaluator;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.wire.Capability;
import org.loftmail.imap.wire.EsearchResult;
import org.loftmail.imap.wire.NumberSet;
import org.loftmail.imap.wire.ResponseCode;
import org.loftmail.imap.wire.UntaggedResponses;

/**
 * SEARCH and UID SEARCH: every message the client knows is tested with the cheapest keys first;
 * the answer is {@code * SEARCH} or, with RETURN options or IMAP4rev2, RFC 4731 ESEARCH.
 */
final class SearchCommand {
    void search(ImapSession s, ImapCommand.Search c) {
        SelectedMailbox sel = s.selected();
        Set<SearchReturn> ret = c.returnOptions();
        boolean save = ret != null && ret.contains(SearchReturn.SAVE);
        boolean update = ret != null && ret.contains(SearchReturn.UPDATE);
        if (update && sel.hasContext(c.tag())) {
            s.bad(c.tag(), "Duplicate search update tag."); // RFC 5267 section 4.2
            return;
        }
        // An update re-evaluates the key with $ as it is now, whatever later SAVEs do.
        SearchKey fixedKey = withSavedResult(c.key(), sel);
        Matches found = matching(s, c.tag(), fixedKey, c.charset(), false);
        if (found == null) {
            if (save) {
                sel.saveResult(new long[0]); // RFC 5182: a failed SEARCH ... SAVE empties $
            }
            return;
        }
        BitSet matched = found.positions();
        long[] hits = new long[matched.cardinality()];
        int n = 0;
        for (int p = matched.nextSetBit(0); p >= 0; p = matched.nextSetBit(p + 1)) {
            hits[n++] = c.uid() ? sel.uid(p + 1) : p + 1;
        }
        long[] result = hits;
        int[] slice = c.partial() == null ? null : c.partial().slice(n);
        if (save) {
            sel.saveResult(slice != null && !ret.contains(SearchReturn.COUNT)
                    ? partialSaved(sel, matched, slice, ret) : saved(sel, matched, ret));
            if (ret.size() == 1) {
                // RFC 5182 section 2.1: SAVE alone gives no ESEARCH response.
                s.ok(c.tag(), null, "Search completed.", c.uid());
                return;
            }
        }
        if (ret == null && !s.enabled().contains(Capability.IMAP4REV2)) {
            UntaggedResponses.search(s.writer(), result, found.modSeq());
        } else {
            boolean all = ret == null || ret.isEmpty() || ret.contains(SearchReturn.ALL)
                    || (ret.size() == 1 && ret.contains(SearchReturn.SAVE));
            UntaggedResponses.esearch(s.writer(), new EsearchResult(c.tag(), c.uid(),
                    ret != null && ret.contains(SearchReturn.MIN) && n > 0 ? OptionalLong.of(result[0]) : OptionalLong.empty(),
                    ret != null && ret.contains(SearchReturn.MAX) && n > 0 ? OptionalLong.of(result[n - 1]) : OptionalLong.empty(),
                    all && n > 0 ? NumberSet.sorted(result) : null,
                    ret != null && ret.contains(SearchReturn.COUNT) ? OptionalLong.of(n) : OptionalLong.empty(),
                    found.modSeq() > 0 ? OptionalLong.of(found.modSeq()) : OptionalLong.empty(),
                    c.partial() == null ? null : c.partial().toString(),
                    slice == null || slice[0] == slice[1] ? null
                            : NumberSet.sorted(Arrays.copyOfRange(result, slice[0], slice[1]))));
        }
        if (update) {
            startUpdates(s, sel, c.tag(), c.uid(), false, uidsOf(sel, matched), () -> {
                Matches now = matching(s, c.tag(), fixedKey, c.charset(), false);
                return now == null ? new long[0] : uidsOf(sel, now.positions());
            });
        }
        s.ok(c.tag(), null, "Search completed.", c.uid());
    }

    /** UIDs of view positions, ascending. */
    static long[] uidsOf(SelectedMailbox sel, BitSet positions) {
        return positions.stream().mapToLong(p -> sel.uid(p + 1)).toArray();
    }

    /**
     * RFC 5267 UPDATE: keeps the context so that the client hears of every change to the result
     * (SelectedMailbox#sync sends them); at most {@link SelectedMailbox#MAX_CONTEXTS}, then
     * {@code * NO [NOUPDATE "tag"]} and the command still succeeds.
     */
    static void startUpdates(ImapSession s, SelectedMailbox sel, String tag, boolean uid, boolean sorted,
                             long[] result, java.util.function.Supplier<long[]> evaluate) {
        if (!sel.addContext(new SelectedMailbox.SearchContext(tag, uid, sorted, result, evaluate))) {
            s.writer().status(null, org.loftmail.imap.wire.Condition.NO, new ResponseCode.NoUpdate(tag),
                    "Too many updating searches.");
        }
    }

    /**
     * RFC 9394 section 3.2: SAVE with PARTIAL (and without COUNT) keeps the messages PARTIAL
     * returned, and the MIN and/or MAX message when those are asked too.
     */
    private static long[] partialSaved(SelectedMailbox sel, BitSet matched, int[] slice, Set<SearchReturn> ret) {
        long[] all = uidsOf(sel, matched);
        java.util.TreeSet<Long> keep = new java.util.TreeSet<>();
        for (int i = slice[0]; i < slice[1]; i++) {
            keep.add(all[i]);
        }
        if (all.length > 0 && ret.contains(SearchReturn.MIN)) {
            keep.add(all[0]);
        }
        if (all.length > 0 && ret.contains(SearchReturn.MAX)) {
            keep.add(all[all.length - 1]);
        }
        return keep.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * RFC 5182 section 2.1: with MIN and/or MAX and neither ALL nor COUNT, SAVE keeps only those
     * messages; otherwise every match. As UIDs.
     */
    private static long[] saved(SelectedMailbox sel, BitSet matched, Set<SearchReturn> ret) {
        boolean minMaxOnly = (ret.contains(SearchReturn.MIN) || ret.contains(SearchReturn.MAX))
                && !ret.contains(SearchReturn.ALL) && !ret.contains(SearchReturn.COUNT);
        if (minMaxOnly && !matched.isEmpty()) {
            java.util.TreeSet<Long> keep = new java.util.TreeSet<>();
            if (ret.contains(SearchReturn.MIN)) {
                keep.add(sel.uid(matched.nextSetBit(0) + 1));
            }
            if (ret.contains(SearchReturn.MAX)) {
                keep.add(sel.uid(matched.length()));
            }
            return keep.stream().mapToLong(Long::longValue).toArray();
        }
        return matched.stream().mapToLong(p -> sel.uid(p + 1)).toArray();
    }

    /** {@code $} in a search key becomes the saved result's UIDs. */
    static SearchKey withSavedResult(SearchKey key, SelectedMailbox sel) {
        if (key instanceof SearchKey.Sequence q && q.set().savedResult()) {
            return new SearchKey.Uid(uidSet(sel.savedResult()));
        }
        if (key instanceof SearchKey.Uid u && u.set().savedResult()) {
            return new SearchKey.Uid(uidSet(sel.savedResult()));
        }
        if (key instanceof SearchKey.Not n) {
            return new SearchKey.Not(withSavedResult(n.key(), sel));
        }
        if (key instanceof SearchKey.Or o) {
            return new SearchKey.Or(withSavedResult(o.left(), sel), withSavedResult(o.right(), sel));
        }
        if (key instanceof SearchKey.And a) {
            return new SearchKey.And(a.keys().stream().map(k -> withSavedResult(k, sel)).toList());
        }
        return key;
    }

    private static org.loftmail.imap.parse.SequenceSet uidSet(long[] uids) {
        java.util.List<org.loftmail.imap.parse.SequenceSet.Range> ranges = new java.util.ArrayList<>();
        int i = 0;
        while (i < uids.length) {
            int j = i;
            while (j + 1 < uids.length && uids[j + 1] == uids[j] + 1) {
                j++;
            }
            ranges.add(new org.loftmail.imap.parse.SequenceSet.Range(uids[i], uids[j]));
            i = j + 1;
        }
        // An empty saved result matches nothing: UID 0 is never given out.
        if (ranges.isEmpty()) {
            ranges.add(new org.loftmail.imap.parse.SequenceSet.Range(0, 0));
        }
        return new org.loftmail.imap.parse.SequenceSet(ranges, false);
    }

    /**
     * What a search found: view positions, and with a MODSEQ key (RFC 7162 section 3.1.5) the
     * highest modseq among the matches, else 0.
     */
    record Matches(BitSet positions, long modSeq) {
    }

    /**
     * The view positions (sequence number - 1) of the messages in storage that match
     * {@code key}, or null after answering NO [BADCHARSET]. With {@code keysFollow}, {@code ALL}
     * reads no index record: SORT and THREAD learn which messages still exist from the keys they
     * read next.
     */
    static Matches matching(ImapSession s, String tag, SearchKey key, String charset, boolean keysFollow) {
        SelectedMailbox sel = s.selected();
        key = withSavedResult(key, sel);
        SearchEvaluator ev;
        try {
            ev = SearchEvaluator.of(key, charset, sel.count(), sel.maxUid(), System.currentTimeMillis());
        } catch (BadCharsetException e) {
            s.no(tag, new ResponseCode.BadCharset(SearchEvaluator.CHARSETS), "Unsupported charset.");
            return null;
        }
        BitSet matched = new BitSet(sel.count());
        if (keysFollow && key instanceof SearchKey.All) {
            matched.set(0, sel.count());
            for (int p = 0; p < sel.count(); p++) {
                if (sel.expungedLater(sel.uid(p + 1))) {
                    matched.clear(p);
                }
            }
            return new Matches(matched, 0);
        }
        boolean modSeqKey = hasModSeq(key);
        if (modSeqKey) {
            s.condStoreOn();
        }
        java.util.function.LongPredicate recentOf = sel::recent;
        if (fromView(key)) {
            // Only system flags, internal dates, numbers: the session's view holds them all.
            for (int p = 0; p < sel.count(); p++) {
                long uid = sel.uid(p + 1);
                if (sel.expungedLater(uid)) {
                    continue;
                }
                MessageInfo m = new MessageInfo(uid, null, Flags.ofSystem(sel.systemFlags(p + 1)), 0,
                        sel.internalDate(p + 1), 0, 0);
                if (ev.matches(new StoredMessage(s.store(), sel.guid(), p + 1, m, recentOf))) {
                    matched.set(p);
                }
            }
            return new Matches(matched, 0);
        }
        long modSeq = 0;
        int seq = 0;
        for (MessageInfo m : s.store().messages(sel.guid(), 1, sel.maxUid())) {
            int found = sel.seqAfter(m.uid(), seq);
            if (found == 0 || sel.expungedLater(m.uid())) {
                continue;
            }
            seq = found;
            if (ev.matches(new StoredMessage(s.store(), sel.guid(), seq, m, recentOf))) {
                matched.set(seq - 1);
                modSeq = Math.max(modSeq, m.modSeq());
            }
        }
        return new Matches(matched, modSeqKey ? modSeq : 0);
    }

    /**
     * Whether {@code key} asks only what the selected view keeps per message: system flags
     * (and \Recent), the internal date, sequence numbers and UIDs. Keywords, sizes, modseqs,
     * save dates and anything from the message itself need the index.
     */
    static boolean fromView(SearchKey key) {
        if (key instanceof SearchKey.All || key instanceof SearchKey.Within || key instanceof SearchKey.Sequence
                || key instanceof SearchKey.Uid) {
            return true;
        }
        if (key instanceof SearchKey.Flag f) {
            return f.flag().startsWith("\\");
        }
        if (key instanceof SearchKey.Date d) {
            return !d.sent();
        }
        if (key instanceof SearchKey.Not n) {
            return fromView(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return fromView(o.left()) && fromView(o.right());
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().allMatch(SearchCommand::fromView);
        }
        return false;
    }

    private static boolean hasModSeq(SearchKey key) {
        if (key instanceof SearchKey.ModSeq) {
            return true;
        }
        if (key instanceof SearchKey.Not n) {
            return hasModSeq(n.key());
        }
        if (key instanceof SearchKey.Or o) {
            return hasModSeq(o.left()) || hasModSeq(o.right());
        }
        if (key instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchCommand::hasModSeq);
        }
        return false;
    }
}
