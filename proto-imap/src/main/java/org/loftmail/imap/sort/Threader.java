package org.loftmail.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.core.mime.ThreadKeys;

/**
 * The RFC 5256 THREAD algorithms, and REFS. Input is the matched messages' positions, their
 * {@link ThreadKeys} and their sent-date ranks; output is the list of thread roots in thread
 * order. Trees are walked with explicit stacks, so a reply chain of any depth is fine.
 */
public final class Threader {
    private static final Comparator<ThreadNode> BY_DATE = (a, b) ->
            a.date != b.date ? Long.compare(a.date, b.date) : Integer.compare(a.first, b.first);

    private final int[] positions;
    private final ThreadKeys[] keys;
    private final Ranks dates;

    /**
     * @param positions matched view positions, ascending
     * @param keys      the thread keys of each position in {@code positions}, in the same order
     * @param dates     sent-date ranks by view position (SORT DATE: the Date header, else the
     *                  internal date)
     */
    public Threader(int[] positions, ThreadKeys[] keys, Ranks dates) {
        this.positions = positions;
        this.keys = keys;
        this.dates = dates;
    }

    /**
     * ORDEREDSUBJECT: messages sorted by base subject then sent date; each subject is one thread
     * whose first message is the parent of all the others; threads in order of their first
     * message's sent date.
     *
     * @param subjects base-subject ranks by view position (SORT SUBJECT)
     */
    public List<ThreadNode> orderedSubject(Ranks subjects) {
        int[] order = MultiKeySort.sort(positions,
                List.of(new MultiKeySort.Key(subjects, false), new MultiKeySort.Key(dates, false)));
        List<ThreadNode> roots = new ArrayList<>();
        ThreadNode root = null;
        for (int i = 0; i < order.length; i++) {
            ThreadNode n = message(order[i]);
            if (root != null && subjects.rank(order[i]) == subjects.rank(order[i - 1])) {
                root.adopt(n);
            } else {
                root = n;
                roots.add(n);
            }
        }
        roots.sort(BY_DATE);
        return roots;
    }

    /** REFERENCES: threads from Message-ID and References, then merged by base subject. */
    public List<ThreadNode> references() {
        List<ThreadNode> roots = linkAndPrune();
        sortAll(roots);
        roots = mergeBySubject(roots);
        sortAll(roots);
        return roots;
    }

    /**
     * REFS (Dovecot, draft-ietf-morg-inthread): REFERENCES without the subject merge; threads
     * in order of their newest message, so the most recently active thread comes last.
     */
    public List<ThreadNode> refs() {
        List<ThreadNode> roots = linkAndPrune();
        sortAll(roots);
        Map<ThreadNode, long[]> newest = new HashMap<>();
        for (ThreadNode r : roots) {
            long max = Long.MIN_VALUE;
            int pos = Integer.MAX_VALUE;
            for (ThreadNode n : postOrder(List.of(r))) {
                if (!n.dummy()) {
                    long d = dates.rank(n.position);
                    if (d > max || (d == max && n.position < pos)) {
                        max = d;
                        pos = n.position;
                    }
                }
            }
            newest.put(r, new long[] {max, pos});
        }
        roots.sort(Comparator.<ThreadNode>comparingLong(r -> newest.get(r)[0]).thenComparingLong(r -> newest.get(r)[1]));
        return roots;
    }

    private ThreadNode message(int position) {
        ThreadNode n = new ThreadNode(position);
        n.date = dates.rank(position);
        n.first = position;
        return n;
    }

    /** RFC 5256 section 3 (REFERENCES) steps 1 to 4. */
    private List<ThreadNode> linkAndPrune() {
        Map<String, ThreadNode> byId = new HashMap<>(positions.length * 2);
        List<ThreadNode> all = new ArrayList<>(positions.length);
        for (int i = 0; i < positions.length; i++) {
            ThreadKeys k = keys[i];
            String id = k.messageId();
            ThreadNode own = id.isEmpty() ? null : byId.get(id);
            if (own != null && own.dummy()) {
                own.position = positions[i];
            } else {
                // No Message-ID, or a duplicate: the message gets an id of its own.
                own = new ThreadNode(positions[i]);
                all.add(own);
                if (!id.isEmpty()) {
                    byId.putIfAbsent(id, own);
                }
            }
            // (1A) link the References chain, keeping existing parents and refusing loops.
            ThreadNode previous = null;
            for (String ref : k.references()) {
                ThreadNode c = byId.get(ref);
                if (c == null) {
                    c = new ThreadNode(-1);
                    byId.put(ref, c);
                    all.add(c);
                }
                if (previous != null && c.parent == null && !c.isAncestorOf(previous)) {
                    previous.adopt(c);
                }
                previous = c;
            }
            // (1B) the last reference is the message's parent, replacing any parent it had.
            if (own.parent != null) {
                own.parent.children.remove(own);
                own.parent = null;
            }
            if (previous != null && !own.isAncestorOf(previous)) {
                previous.adopt(own);
            }
        }
        // (2) the root set.
        List<ThreadNode> roots = new ArrayList<>();
        for (ThreadNode n : all) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        // (4) prune dummies, children before parents.
        for (ThreadNode n : postOrder(roots)) {
            n.children = pruned(n, n.children);
        }
        List<ThreadNode> out = new ArrayList<>();
        for (ThreadNode r : roots) {
            if (!r.dummy() || r.children.size() > 1) {
                out.add(r);
            } else if (r.children.size() == 1) {
                ThreadNode only = r.children.get(0);
                only.parent = null;
                out.add(only);
            }
        }
        return out;
    }

    /** Children without empty dummies, non-root dummies replaced by their children. */
    private static List<ThreadNode> pruned(ThreadNode parent, List<ThreadNode> children) {
        boolean any = false;
        for (ThreadNode c : children) {
            any |= c.dummy();
        }
        if (!any) {
            return children;
        }
        List<ThreadNode> out = new ArrayList<>(children.size());
        for (ThreadNode c : children) {
            if (!c.dummy()) {
                out.add(c);
            } else {
                for (ThreadNode g : c.children) {
                    g.parent = parent;
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** RFC 5256 section 3 step 5: roots whose thread subjects are equal become one thread. */
    private List<ThreadNode> mergeBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode r : roots) {
            String subject = subject(r);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode t = table.get(subject);
            if (t == null || (!t.dummy() && (r.dummy() || (reply(t) && !reply(r))))) {
                table.put(subject, r);
            }
        }
        List<ThreadNode> candidates = new ArrayList<>(roots);
        for (ThreadNode r : roots) {
            String subject = subject(r);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode t = table.get(subject);
            if (t == r) {
                continue;
            }
            if (t.dummy() && r.dummy()) {
                for (ThreadNode c : r.children) {
                    t.adopt(c);
                }
                r.children = List.of();
                r.deleted = true;
            } else if (t.dummy() || (reply(r) && !reply(t))) {
                t.adopt(r);
            } else {
                ThreadNode d = new ThreadNode(-1);
                d.adopt(t);
                d.adopt(r);
                table.put(subject, d);
                candidates.add(d);
            }
        }
        List<ThreadNode> out = new ArrayList<>();
        for (ThreadNode c : candidates) {
            if (c.parent == null && !c.deleted) {
                out.add(c);
            }
        }
        return out;
    }

    /** The base subject of a root, or of its first child when it is a dummy. */
    private String subject(ThreadNode n) {
        ThreadNode m = n.dummy() ? n.children.get(0) : n;
        return keysOf(m.position).baseSubject();
    }

    private boolean reply(ThreadNode n) {
        ThreadNode m = n.dummy() ? n.children.get(0) : n;
        return keysOf(m.position).replyOrForward();
    }

    private ThreadKeys keysOf(int position) {
        int i = java.util.Arrays.binarySearch(positions, position);
        return keys[i];
    }

    /** Step 6: siblings by sent date (a dummy by its first child's), then position. */
    private void sortAll(List<ThreadNode> roots) {
        for (ThreadNode n : postOrder(roots)) {
            if (n.children.size() > 1) {
                n.children.sort(BY_DATE);
            }
            if (n.dummy()) {
                ThreadNode f = n.children.get(0);
                n.date = f.date;
                n.first = f.first;
            } else {
                n.date = dates.rank(n.position);
                n.first = n.position;
            }
        }
        roots.sort(BY_DATE);
    }

    /** Every node under {@code roots}, each after all of its descendants. */
    static List<ThreadNode> postOrder(List<ThreadNode> roots) {
        // A pre-order with children pushed left to right, reversed: every node after its
        // descendants. One array for the stack, one for the answer.
        ThreadNode[] stack = new ThreadNode[Math.max(16, roots.size())];
        int top = 0;
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack[top++] = roots.get(i);
        }
        ThreadNode[] out = new ThreadNode[Math.max(16, roots.size() * 2)];
        int n = 0;
        while (top > 0) {
            ThreadNode node = stack[--top];
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = node;
            List<ThreadNode> kids = node.children;
            if (top + kids.size() > stack.length) {
                stack = java.util.Arrays.copyOf(stack, Math.max(stack.length * 2, top + kids.size()));
            }
            for (int i = 0; i < kids.size(); i++) {
                stack[top++] = kids.get(i);
            }
        }
        ThreadNode[] reversed = new ThreadNode[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = out[n - 1 - i];
        }
        return java.util.Arrays.asList(reversed);
    }
}
