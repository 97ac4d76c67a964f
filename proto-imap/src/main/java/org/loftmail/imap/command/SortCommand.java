package org.loftmail.imap.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongToIntFunction;
import org.loftmail.core.search.SortCriterion;
import org.loftmail.core.store.ThreadKeyList;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.parse.SearchKey;
import org.loftmail.imap.parse.SearchReturn;
import org.loftmail.imap.parse.SortSpec;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.session.SelectedMailbox;
import org.loftmail.imap.sort.MultiKeySort;
import org.loftmail.imap.sort.Ranks;
import org.loftmail.imap.sort.ThreadCache;
import org.loftmail.imap.sort.ThreadTree;
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
        boolean save = ret != null && ret.contains(SearchReturn.SAVE);
        boolean update = ret != null && ret.contains(SearchReturn.UPDATE);
        if (update && sel.hasContext(c.tag())) {
            s.bad(c.tag(), "Duplicate search update tag."); // RFC 5267 section 4.2
            return;
        }
        SearchKey fixedKey = SearchCommand.withSavedResult(c.key(), sel);
        SearchCommand.Matches found = SearchCommand.matching(s, c.tag(), fixedKey, c.charset(), true);
        if (found == null) {
            if (save) {
                sel.saveResult(new long[0]); // RFC 5182 section 2.1: a failed SAVE empties $
            }
            return;
        }
        int[] order = order(s, sel, found.positions(), c.criteria());
        long[] result = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = c.uid() ? sel.uid(order[i] + 1) : order[i] + 1;
        }
        int[] slice = c.partial() == null ? null : c.partial().slice(order.length);
        if (save) {
            sel.saveResult(saved(sel, order, ret, slice));
            if (ret.size() == 1) {
                // RFC 5267 section 3.2 / RFC 5182: SAVE alone gives no ESEARCH response.
                s.ok(c.tag(), null, "Sort completed.", c.uid());
                return;
            }
        }
        if (ret == null) {
            UntaggedResponses.sort(s.writer(), result, found.modSeq());
        } else {
            // RFC 5267: MIN and MAX are the first and last message in sort order; ALL and
            // PARTIAL keep the order.
            int n = result.length;
            boolean all = ret.isEmpty() || ret.contains(SearchReturn.ALL);
            UntaggedResponses.esearch(s.writer(), new EsearchResult(c.tag(), c.uid(),
                    ret.contains(SearchReturn.MIN) && n > 0 ? OptionalLong.of(result[0]) : OptionalLong.empty(),
                    ret.contains(SearchReturn.MAX) && n > 0 ? OptionalLong.of(result[n - 1]) : OptionalLong.empty(),
                    all && n > 0 ? NumberSet.of(result) : null,
                    ret.contains(SearchReturn.COUNT) ? OptionalLong.of(n) : OptionalLong.empty(),
                    found.modSeq() > 0 ? OptionalLong.of(found.modSeq()) : OptionalLong.empty(),
                    c.partial() == null ? null : c.partial().toString(),
                    slice == null || slice[0] == slice[1] ? null
                            : NumberSet.of(Arrays.copyOfRange(result, slice[0], slice[1]))));
        }
        if (update) {
            SearchCommand.startUpdates(s, sel, c.tag(), c.uid(), true, uids(sel, order), () -> {
                SearchCommand.Matches now = SearchCommand.matching(s, c.tag(), fixedKey, c.charset(), true);
                return now == null ? new long[0] : uids(sel, order(s, sel, now.positions(), c.criteria()));
            });
        }
        s.ok(c.tag(), null, "Sort completed.", c.uid());
    }

    /** The matched view positions in sort order. */
    private static int[] order(ImapSession s, SelectedMailbox sel, BitSet matched, List<SortSpec> criteria) {
        List<MultiKeySort.Key> keys = new ArrayList<>();
        LongToIntFunction positions = sel.positions();
        for (SortSpec spec : criteria) {
            keys.add(new MultiKeySort.Key(ranks(s, sel, spec.key(), positions), spec.reverse()));
        }
        // A message another session expunged has no rank any more: it is left out.
        return MultiKeySort.sort(matched.stream().toArray(), keys);
    }

    private static long[] uids(SelectedMailbox sel, int[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = sel.uid(order[i] + 1);
        }
        return out;
    }

    /**
     * What SORT RETURN (SAVE) keeps for {@code $}, as ascending UIDs (a set: the sort order is
     * not kept): with PARTIAL and without COUNT, the messages in the range (RFC 9394 section
     * 3.2); with MIN and/or MAX and neither ALL nor COUNT, the first and/or last message in sort
     * order too, or alone (RFC 5267 section 3.2); otherwise every match.
     */
    private static long[] saved(SelectedMailbox sel, int[] order, Set<SearchReturn> ret, int[] slice) {
        boolean count = ret.contains(SearchReturn.COUNT);
        boolean minMaxOnly = (ret.contains(SearchReturn.MIN) || ret.contains(SearchReturn.MAX))
                && !ret.contains(SearchReturn.ALL) && !count;
        java.util.TreeSet<Long> keep = new java.util.TreeSet<>();
        if (slice != null && !count) {
            for (int i = slice[0]; i < slice[1]; i++) {
                keep.add(sel.uid(order[i] + 1));
            }
        } else if (!minMaxOnly) {
            for (int p : order) {
                keep.add(sel.uid(p + 1));
            }
        }
        if ((minMaxOnly || (slice != null && !count)) && order.length > 0) {
            if (ret.contains(SearchReturn.MIN)) {
                keep.add(sel.uid(order[0] + 1));
            }
            if (ret.contains(SearchReturn.MAX)) {
                keep.add(sel.uid(order[order.length - 1] + 1));
            }
        }
        return keep.stream().mapToLong(Long::longValue).toArray();
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
        LongToIntFunction positionOf = sel.positions();
        Ranks dates = ranks(s, sel, SortCriterion.DATE, positionOf);
        int[] positions;
        int[] keyIndex = null;
        ThreadKeyList all = null;
        int n = 0;
        if (algorithm.equals("ORDEREDSUBJECT")) {
            // Only subjects and dates, both from the sort table; a message without a date rank
            // is no longer in the index.
            positions = matched.stream().filter(p -> dates.rank(p) >= 0).toArray();
            n = positions.length;
        } else {
            all = s.store().threadKeys(sel.guid());
            positions = new int[all.size()];
            keyIndex = new int[all.size()];
            int seq = 0;
            for (int i = 0; i < all.size(); i++) {
                int at = sel.seqAfter(all.uids()[i], seq);
                if (at > 0) {
                    seq = at;
                    if (matched.get(at - 1) && dates.rank(at - 1) >= 0) {
                        positions[n] = at - 1;
                        keyIndex[n++] = i;
                    }
                }
            }
        }
        int[] threaded = Arrays.copyOf(positions, n);
        long[] uids = new long[n];
        for (int i = 0; i < n; i++) {
            uids[i] = sel.uid(threaded[i] + 1);
        }
        // Big mailboxes: the node keeps the answer for exactly these UIDs (see ThreadCache).
        ThreadCache.Key cacheKey = n >= ThreadCache.MIN_MESSAGES
                ? new ThreadCache.Key(s.userName(), sel.guid(), sel.uidValidity(), algorithm) : null;
        ThreadTree tree = cacheKey == null ? null : ThreadCache.SHARED.get(cacheKey, uids);
        if (tree == null) {
            int[] date = new int[n];
            for (int i = 0; i < n; i++) {
                date[i] = dates.rank(threaded[i]);
            }
            Threader threader = new Threader(date);
            if (algorithm.equals("ORDEREDSUBJECT")) {
                Ranks subjects = ranks(s, sel, SortCriterion.SUBJECT, positionOf);
                int[] subject = new int[n];
                for (int i = 0; i < n; i++) {
                    subject[i] = subjects.rank(threaded[i]);
                }
                tree = threader.orderedSubject(subject);
            } else {
                int[] index = Arrays.copyOf(keyIndex, n);
                tree = algorithm.equals("REFS") ? threader.refs(all, index) : threader.references(all, index);
            }
            if (cacheKey != null) {
                ThreadCache.SHARED.put(cacheKey, uids, tree);
            }
        }
        // The tree names messages by their index in uids and threaded.
        ThreadWriter.write(s.writer(), tree, i -> c.uid() ? uids[i] : threaded[i] + 1);
        s.ok(c.tag(), null, "Thread completed.", c.uid());
    }

    private static Ranks ranks(ImapSession s, SelectedMailbox sel, SortCriterion criterion,
                               LongToIntFunction positions) {
        return Ranks.of(s.store().sortOrder(sel.guid(), criterion), positions, sel.count());
    }
}
