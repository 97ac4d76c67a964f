package org.loftmail.imap.sort;

import java.util.Arrays;
import java.util.List;
import org.loftmail.core.store.ThreadKeyList;

/**
 * The RFC 5256 THREAD algorithms, and REFS, over the threaded messages 0 to n-1 (ascending view
 * positions) and their sent-date ranks. Nodes live in parallel int arrays and Message-IDs are
 * numbers ({@link ThreadKeyList}), so linking 100,000 messages is array indexing, not hashing
 * strings and chasing node objects. Trees are walked with explicit stacks, so a reply chain of
 * any depth is fine. One use per instance.
 */
public final class Threader {
    private final int[] date;
    private int[] message;
    private int[] parent;
    private int[] firstChild;
    private int[] lastChild;
    private int[] next;
    /** The sibling order of a node: its sent-date rank and message, or its first child's. */
    private long[] key;
    private int nodes;
    /** Scratch for {@link #sortByKey}: the node whose key ends in a message index. */
    private final int[] ownerOf;
    private long[] scratch = new long[16];
    private int[] kids = new int[16];

    /** @param date sent-date rank of each threaded message (SORT DATE: Date header, else internal date) */
    public Threader(int[] date) {
        this.date = date;
        int capacity = date.length * 2 + 16;
        message = new int[capacity];
        parent = new int[capacity];
        firstChild = new int[capacity];
        lastChild = new int[capacity];
        next = new int[capacity];
        key = new long[capacity];
        ownerOf = new int[date.length];
    }

    /**
     * ORDEREDSUBJECT: messages sorted by base subject then sent date; each subject is one thread
     * whose first message is the parent of all the others; threads in order of their first
     * message's sent date.
     *
     * @param subject base-subject rank of each threaded message (SORT SUBJECT)
     */
    public ThreadTree orderedSubject(int[] subject) {
        int n = date.length;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        int[] order = MultiKeySort.sort(all, List.of(new MultiKeySort.Key(Ranks.of(subject), false),
                new MultiKeySort.Key(Ranks.of(date), false)));
        // (a message without a subject rank is no longer in the index: left out)
        int[] roots = new int[order.length];
        int count = 0;
        int root = -1;
        for (int i = 0; i < order.length; i++) {
            int m = order[i];
            int x = node(m);
            key[x] = ownKey(m);
            if (root >= 0 && subject[m] == subject[order[i - 1]]) {
                adopt(root, x);
            } else {
                root = x;
                roots[count++] = x;
            }
        }
        sortByKey(roots, 0, count);
        return tree(roots, count);
    }

    /**
     * REFERENCES: threads from Message-ID and References, then merged by base subject.
     *
     * @param keyIndex each threaded message's index in {@code keys}
     */
    public ThreadTree references(ThreadKeyList keys, int[] keyIndex) {
        int[] roots = linkAndPrune(keys, keyIndex);
        int count = roots.length;
        sortAll(roots, count);
        roots = mergeBySubject(roots, keys, keyIndex);
        sortAll(roots, roots.length);
        return tree(roots, roots.length);
    }

    /**
     * REFS (Dovecot, draft-ietf-morg-inthread): REFERENCES without the subject merge; threads
     * in order of their newest message, so the most recently active thread comes last.
     */
    public ThreadTree refs(ThreadKeyList keys, int[] keyIndex) {
        int[] roots = linkAndPrune(keys, keyIndex);
        sortAll(roots, roots.length);
        // Newest message of every subtree, children first: the latest date, then the lowest
        // index, as one long whose maximum is the answer.
        long[] newest = new long[nodes];
        int[] post = postOrder(roots, roots.length);
        for (int x : post) {
            long best = message[x] < 0 ? Long.MIN_VALUE
                    : (long) date[message[x]] << 32 | (Integer.MAX_VALUE - message[x]);
            for (int c = firstChild[x]; c >= 0; c = next[c]) {
                best = Math.max(best, newest[c]);
            }
            newest[x] = best;
        }
        for (int r : roots) {
            int m = Integer.MAX_VALUE - (int) newest[r];
            key[r] = (newest[r] >>> 32) << 32 | m;
        }
        sortByKey(roots, 0, roots.length);
        return tree(roots, roots.length);
    }

    /** RFC 5256 section 3 (REFERENCES) steps 1 to 4; the roots. */
    private int[] linkAndPrune(ThreadKeyList keys, int[] keyIndex) {
        // node + 1 of each id number, 0 for none yet
        int[] nodeOfId = new int[keys.ids()];
        for (int i = 0; i < keyIndex.length; i++) {
            int k = keyIndex[i];
            int id = keys.messageId(k);
            int own = id >= 0 ? nodeOfId[id] - 1 : -1;
            if (own >= 0 && message[own] < 0) {
                message[own] = i;
            } else {
                // No Message-ID, or a duplicate: the message gets a node of its own.
                own = node(i);
                if (id >= 0 && nodeOfId[id] == 0) {
                    nodeOfId[id] = own + 1;
                }
            }
            // (1A) link the References chain, keeping existing parents and refusing loops.
            int previous = -1;
            for (int j = keys.refStart(k), end = keys.refStart(k + 1); j < end; j++) {
                int ref = keys.ref(j);
                int c = nodeOfId[ref] - 1;
                if (c < 0) {
                    c = node(-1);
                    nodeOfId[ref] = c + 1;
                }
                if (previous >= 0 && parent[c] < 0 && !isAncestor(c, previous)) {
                    adopt(previous, c);
                }
                previous = c;
            }
            // (1B) the last reference is the message's parent, replacing any parent it had.
            if (parent[own] >= 0) {
                unlink(own);
            }
            if (previous >= 0 && !isAncestor(own, previous)) {
                adopt(previous, own);
            }
        }
        // (2) the root set.
        int[] roots = new int[nodes];
        int count = 0;
        for (int x = 0; x < nodes; x++) {
            if (parent[x] < 0) {
                roots[count++] = x;
            }
        }
        // (4) prune dummies, children before parents.
        for (int x : postOrder(roots, count)) {
            prune(x);
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int r = roots[i];
            int only = firstChild[r];
            if (message[r] >= 0 || (only >= 0 && next[only] >= 0)) {
                roots[kept++] = r;
            } else if (only >= 0) {
                parent[only] = -1;
                roots[kept++] = only;
            }
        }
        return Arrays.copyOf(roots, kept);
    }

    /** Drops the node's childless dummy children and puts a dummy child's children in its place. */
    private void prune(int x) {
        boolean any = false;
        for (int c = firstChild[x]; c >= 0; c = next[c]) {
            any |= message[c] < 0;
        }
        if (!any) {
            return;
        }
        int head = -1;
        int tail = -1;
        for (int c = firstChild[x]; c >= 0; ) {
            int after = next[c];
            if (message[c] >= 0) {
                tail = append(tail, c);
                head = head < 0 ? c : head;
            } else {
                for (int g = firstChild[c]; g >= 0; ) {
                    int gAfter = next[g];
                    parent[g] = x;
                    tail = append(tail, g);
                    head = head < 0 ? g : head;
                    g = gAfter;
                }
            }
            c = after;
        }
        firstChild[x] = head;
        lastChild[x] = tail;
    }

    /** Links {@code y} after {@code tail} (-1: it starts the list); the new tail. */
    private int append(int tail, int y) {
        if (tail >= 0) {
            next[tail] = y;
        }
        next[y] = -1;
        return y;
    }

    /** RFC 5256 section 3 step 5: roots whose thread subjects are equal become one thread. */
    private int[] mergeBySubject(int[] roots, ThreadKeyList keys, int[] keyIndex) {
        // node + 1 of the thread each subject number goes to
        int[] table = new int[keys.subjects()];
        for (int r : roots) {
            int s = subject(r, keys, keyIndex);
            if (s < 0) {
                continue;
            }
            int t = table[s] - 1;
            if (t < 0 || (message[t] >= 0 && (message[r] < 0 || (reply(t, keys, keyIndex) && !reply(r, keys, keyIndex))))) {
                table[s] = r + 1;
            }
        }
        int[] candidates = Arrays.copyOf(roots, roots.length * 2);
        int count = roots.length;
        boolean[] deleted = new boolean[nodes + roots.length];
        for (int r : roots) {
            int s = subject(r, keys, keyIndex);
            if (s < 0) {
                continue;
            }
            int t = table[s] - 1;
            if (t == r) {
                continue;
            }
            if (message[t] < 0 && message[r] < 0) {
                for (int c = firstChild[r]; c >= 0; ) {
                    int after = next[c];
                    adopt(t, c);
                    c = after;
                }
                firstChild[r] = -1;
                lastChild[r] = -1;
                deleted[r] = true;
            } else if (message[t] < 0 || (reply(r, keys, keyIndex) && !reply(t, keys, keyIndex))) {
                adopt(t, r);
            } else {
                int d = node(-1);
                adopt(d, t);
                adopt(d, r);
                table[s] = d + 1;
                candidates[count++] = d;
            }
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int c = candidates[i];
            if (parent[c] < 0 && !deleted[c]) {
                candidates[kept++] = c;
            }
        }
        return Arrays.copyOf(candidates, kept);
    }

    /** The subject number of a root's message, or of its first child's when it is a dummy. */
    private int subject(int x, ThreadKeyList keys, int[] keyIndex) {
        return keys.subject(keyIndex[representative(x)]);
    }

    private boolean reply(int x, ThreadKeyList keys, int[] keyIndex) {
        return keys.reply(keyIndex[representative(x)]);
    }

    private int representative(int x) {
        return message[x] >= 0 ? message[x] : message[firstChild[x]];
    }

    /** Step 6: siblings by sent date (a dummy by its first child's), then message. */
    private void sortAll(int[] roots, int count) {
        for (int x : postOrder(roots, count)) {
            int first = firstChild[x];
            if (first >= 0 && next[first] >= 0) {
                sortChildren(x);
                first = firstChild[x];
            }
            key[x] = message[x] >= 0 ? ownKey(message[x]) : key[first];
        }
        sortByKey(roots, 0, count);
    }

    private long ownKey(int m) {
        return (long) date[m] << 32 | m;
    }

    private void sortChildren(int x) {
        int k = 0;
        for (int c = firstChild[x]; c >= 0; c = next[c]) {
            if (k == kids.length) {
                kids = Arrays.copyOf(kids, k * 2);
            }
            kids[k++] = c;
        }
        sortByKey(kids, 0, k);
        firstChild[x] = kids[0];
        for (int i = 0; i < k - 1; i++) {
            next[kids[i]] = kids[i + 1];
        }
        next[kids[k - 1]] = -1;
        lastChild[x] = kids[k - 1];
    }

    /**
     * Sorts nodes by {@link #key}. Keys end in a message index that no two of the nodes share
     * (each is in its own subtree), so sorting the keys as longs and looking the nodes up again
     * by that index needs no comparator and no boxing.
     */
    private void sortByKey(int[] a, int from, int to) {
        int k = to - from;
        if (k < 2) {
            return;
        }
        if (scratch.length < k) {
            scratch = new long[Math.max(k, scratch.length * 2)];
        }
        for (int i = 0; i < k; i++) {
            long key = this.key[a[from + i]];
            scratch[i] = key;
            ownerOf[(int) key] = a[from + i];
        }
        Arrays.sort(scratch, 0, k);
        for (int i = 0; i < k; i++) {
            a[from + i] = ownerOf[(int) scratch[i]];
        }
    }

    /** Every node under {@code roots[0 .. count)}, each after all of its descendants. */
    private int[] postOrder(int[] roots, int count) {
        // A pre-order, reversed: every node after its descendants.
        int[] stack = new int[Math.max(16, count)];
        int top = 0;
        for (int i = count - 1; i >= 0; i--) {
            stack[top++] = roots[i];
        }
        int[] out = new int[nodes];
        int n = 0;
        while (top > 0) {
            int x = stack[--top];
            out[n++] = x;
            for (int c = firstChild[x]; c >= 0; c = next[c]) {
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = c;
            }
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int node(int m) {
        if (nodes == message.length) {
            int capacity = nodes * 2;
            message = Arrays.copyOf(message, capacity);
            parent = Arrays.copyOf(parent, capacity);
            firstChild = Arrays.copyOf(firstChild, capacity);
            lastChild = Arrays.copyOf(lastChild, capacity);
            next = Arrays.copyOf(next, capacity);
            key = Arrays.copyOf(key, capacity);
        }
        message[nodes] = m;
        parent[nodes] = -1;
        firstChild[nodes] = -1;
        lastChild[nodes] = -1;
        next[nodes] = -1;
        return nodes++;
    }

    private void adopt(int p, int c) {
        parent[c] = p;
        next[c] = -1;
        if (firstChild[p] < 0) {
            firstChild[p] = c;
        } else {
            next[lastChild[p]] = c;
        }
        lastChild[p] = c;
    }

    private void unlink(int c) {
        int p = parent[c];
        if (firstChild[p] == c) {
            firstChild[p] = next[c];
            if (lastChild[p] == c) {
                lastChild[p] = -1;
            }
        } else {
            int before = firstChild[p];
            while (next[before] != c) {
                before = next[before];
            }
            next[before] = next[c];
            if (lastChild[p] == c) {
                lastChild[p] = before;
            }
        }
        parent[c] = -1;
        next[c] = -1;
    }

    /** True if {@code a} is {@code x} or one of its ancestors. */
    private boolean isAncestor(int a, int x) {
        for (int y = x; y >= 0; y = parent[y]) {
            if (y == a) {
                return true;
            }
        }
        return false;
    }

    private ThreadTree tree(int[] roots, int count) {
        return new ThreadTree(Arrays.copyOf(roots, count), Arrays.copyOf(message, nodes),
                Arrays.copyOf(firstChild, nodes), Arrays.copyOf(next, nodes));
    }
}
