package org.loftmail.imap.command;

import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.parse.ImapCommand;
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
        SearchEvaluator ev;
        try {
            ev = SearchEvaluator.of(c.key(), c.charset(), sel.count(), sel.maxUid(), System.currentTimeMillis());
        } catch (BadCharsetException e) {
            s.no(c.tag(), new ResponseCode.BadCharset(SearchEvaluator.CHARSETS), "Unsupported charset.");
            return;
        }
        long[] hits = new long[Math.max(16, sel.count())];
        int n = 0;
        for (MessageInfo m : s.store().messages(sel.guid(), 1, sel.maxUid())) {
            int seq = sel.seq(m.uid());
            if (seq == 0 || sel.expungedLater(m.uid())) {
                continue;
            }
            if (ev.matches(new StoredMessage(s.store(), sel.guid(), seq, m, sel.recent(m.uid())))) {
                hits[n++] = c.uid() ? m.uid() : seq;
            }
        }
        long[] result = java.util.Arrays.copyOf(hits, n);
        Set<SearchReturn> ret = c.returnOptions();
        if (ret == null && !s.enabled().contains(Capability.IMAP4REV2)) {
            UntaggedResponses.search(s.writer(), result, 0);
        } else {
            boolean all = ret == null || ret.isEmpty() || ret.contains(SearchReturn.ALL);
            UntaggedResponses.esearch(s.writer(), new EsearchResult(c.tag(), c.uid(),
                    ret != null && ret.contains(SearchReturn.MIN) && n > 0 ? OptionalLong.of(result[0]) : OptionalLong.empty(),
                    ret != null && ret.contains(SearchReturn.MAX) && n > 0 ? OptionalLong.of(result[n - 1]) : OptionalLong.empty(),
                    all && n > 0 ? NumberSet.sorted(result) : null,
                    ret != null && ret.contains(SearchReturn.COUNT) ? OptionalLong.of(n) : OptionalLong.empty(),
                    OptionalLong.empty()));
        }
        s.ok(c.tag(), null, "Search completed.", c.uid());
    }
}
