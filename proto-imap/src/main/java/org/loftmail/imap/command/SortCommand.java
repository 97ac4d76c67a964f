package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.loftmail.core.mime.ThreadKeys;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.ThreadKeyList;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.SearchReturn;
import org.loftmail.imap.parse.SortSpec;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.sort.MultiKeySort;
import org.loftmail.imap.sort.Ranks;
import org.loftmail.imap.sort.ThreadNode;
import org.loftmail.imap.sort.ThreadWriter;
import org.loftmail.imap.sort.Threader;
import org.loftmail.imap.wire.EsearchResult;
import org.loftmail.imap.wire.NumberSet;
import org.loftmail.imap.wire.UntaggedResponses;

/**
 * SORT, UID SORT (RFC 5256, RFC 5957 DISPLAYFROM/DISPLAYTO, RFC 5267 ESORT) and THREAD, UID
 * THREAD (ORDEREDSUBJECT, REFERENCES, REFS). The search runs first; ordering then uses only the
 * index's sort and thread keys, one range scan per criterion, and opens no message.
 */
final class SortCommand {
    void sort(ImapSession s, ImapCommand.Sort c) {
        SelectedMailbox sel = s.selected();
        Set<SearchReturn> ret = c.returnOptions();
        if (ret != null && ret.contains(SearchReturn.SAVE)) {
            s.bad(c.tag(), "SORT RETURN (SAVE) is not supported.");
            return;
        }
        SearchCommand.Matches found = SearchCommand.matching(s, c.tag(), c.key(), c.charset(), true);
        if (found == null) {
            return;
        }
        BitSet matched = found.positions();
        List<MultiKeySort.Key> keys = new ArrayList<>();
        for (SortSpec spec : c.criteria()) {
            keys.add(new MultiKeySort.Key(ranks(s, sel, spec.key()), spec.reverse()));
        }
        int[] order = MultiKeySort.sort(matched.stream().toArray(), keys);
        long[] result = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = c.uid() ? sel.uid(order[i] + 1) : order[i] + 1;
        }
        if (ret == null) {
            UntaggedResponses.sort(s.writer(), result, found.modSeq());
        } else {
            // RFC 5267: MIN and MAX are the first and last message in sort order; ALL keeps the order.
            int n = result.length;
            boolean all = ret.isEmpty() || ret.contains(SearchReturn.ALL);
            UntaggedResponses.esearch(s.writer(), new EsearchResult(c.tag(), c.uid(),
                    ret.contains(SearchReturn.MIN) && n > 0 ? OptionalLong.of(result[0]) : OptionalLong.empty(),
                    ret.contains(SearchReturn.MAX) && n > 0 ? OptionalLong.of(result[n - 1]) : OptionalLong.empty(),
                    all && n > 0 ? NumberSet.of(result) : null,
                    ret.contains(SearchReturn.COUNT) ? OptionalLong.of(n) : OptionalLong.empty(),
                    found.modSeq() > 0 ? OptionalLong.of(found.modSeq()) : OptionalLong.empty()));
        }
        s.ok(c.tag(), null, "Sort completed.", c.uid());
    }

    void thread(ImapSession s, ImapCommand.ThreadMessages c) {
        SelectedMailbox sel = s.selected();
        String algorithm = c.algorithm();
        if (!algorithm.equals("REFERENCES") && !algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFS")) {
            s.bad(c.tag(), "Unknown thread algorithm " + algorithm + ".");
            return;
        }
        SearchCommand.Matches found = SearchCommand.matching(s, c.tag(), c.key(), c.charset(), true);
        if (found == null) {
            return;
        }
        BitSet matched = found.positions();
        Ranks dates = ranks(s, sel, SortCriterion.DATE);
        int[] positions;
        ThreadKeys[] keys;
        int n = 0;
        if (algorithm.equals("ORDEREDSUBJECT")) {
            // Only subjects and dates, both from the sort table; a message without a date rank
            // is no longer in the index.
            positions = matched.stream().filter(p -> dates.rank(p) >= 0).toArray();
            keys = new ThreadKeys[positions.length];
            n = positions.length;
        } else {
            ThreadKeyList all = s.store().threadKeys(sel.guid());
            positions = new int[all.size()];
            keys = new ThreadKeys[all.size()];
            int seq = 0;
            for (int i = 0; i < all.size(); i++) {
                int at = sel.seqAfter(all.uids()[i], seq);
                if (at > 0) {
                    seq = at;
                    if (matched.get(at - 1) && dates.rank(at - 1) >= 0) {
                        positions[n] = at - 1;
                        keys[n++] = all.keys()[i];
                    }
                }
            }
        }
        Threader threader = new Threader(java.util.Arrays.copyOf(positions, n), java.util.Arrays.copyOf(keys, n), dates);
        List<ThreadNode> roots = switch (algorithm) {
            case "ORDEREDSUBJECT" -> threader.orderedSubject(ranks(s, sel, SortCriterion.SUBJECT));
            case "REFS" -> threader.refs();
            default -> threader.references();
        };
        ThreadWriter.write(s.writer(), roots, p -> c.uid() ? sel.uid(p + 1) : p + 1);
        s.ok(c.tag(), null, "Thread completed.", c.uid());
    }

    private static Ranks ranks(ImapSession s, SelectedMailbox sel, SortCriterion criterion) {
        return Ranks.of(s.store().sortOrder(sel.guid(), criterion), uid -> sel.seq(uid) - 1, sel.count());
    }
}
