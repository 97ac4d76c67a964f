package org.loftmail.imap.command;

import java.util.BitSet;
import java.util.OptionalLong;
import java.util.Set;
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
        Matches found = matching(s, c.tag(), c.key(), c.charset(), false);
        if (found == null) {
            return;
        }
        BitSet matched = found.positions();
        long[] hits = new long[matched.cardinality()];
        int n = 0;
        for (int p = matched.nextSetBit(0); p >= 0; p = matched.nextSetBit(p + 1)) {
            hits[n++] = c.uid() ? sel.uid(p + 1) : p + 1;
        }
        long[] result = hits;
        Set<SearchReturn> ret = c.returnOptions();
        if (ret == null && !s.enabled().contains(Capability.IMAP4REV2)) {
            UntaggedResponses.search(s.writer(), result, found.modSeq());
        } else {
            boolean all = ret == null || ret.isEmpty() || ret.contains(SearchReturn.ALL);
            UntaggedResponses.esearch(s.writer(), new EsearchResult(c.tag(), c.uid(),
                    ret != null && ret.contains(SearchReturn.MIN) && n > 0 ? OptionalLong.of(result[0]) : OptionalLong.empty(),
                    ret != null && ret.contains(SearchReturn.MAX) && n > 0 ? OptionalLong.of(result[n - 1]) : OptionalLong.empty(),
                    all && n > 0 ? NumberSet.sorted(result) : null,
                    ret != null && ret.contains(SearchReturn.COUNT) ? OptionalLong.of(n) : OptionalLong.empty(),
                    found.modSeq() > 0 ? OptionalLong.of(found.modSeq()) : OptionalLong.empty()));
        }
        s.ok(c.tag(), null, "Search completed.", c.uid());
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
        long modSeq = 0;
        int seq = 0;
        for (MessageInfo m : s.store().messages(sel.guid(), 1, sel.maxUid())) {
            int found = sel.seqAfter(m.uid(), seq);
            if (found == 0 || sel.expungedLater(m.uid())) {
                continue;
            }
            seq = found;
            if (ev.matches(new StoredMessage(s.store(), sel.guid(), seq, m, sel.recent(m.uid())))) {
                matched.set(seq - 1);
                modSeq = Math.max(modSeq, m.modSeq());
            }
        }
        return new Matches(matched, modSeqKey ? modSeq : 0);
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
