package org.loftmail.imap.sort;

/**
 * A THREAD answer: a forest of nodes numbered from 0, each a message (its index in the threaded
 * messages) or a dummy for a message referred to but not threaded. Children and roots are in
 * thread order. Arrays, not node objects, so that threading 100,000 messages allocates a few
 * arrays instead of 100,000 nodes and lists. Immutable once made by {@link Threader}.
 */
public final class ThreadTree {
    private final int[] roots;
    private final int[] message;
    private final int[] firstChild;
    private final int[] next;

    ThreadTree(int[] roots, int[] message, int[] firstChild, int[] next) {
        this.roots = roots;
        this.message = message;
        this.firstChild = firstChild;
        this.next = next;
    }

    public int roots() {
        return roots.length;
    }

    public int root(int i) {
        return roots[i];
    }

    /** The node's message index, or -1 for a dummy. */
    public int message(int node) {
        return message[node];
    }

    public boolean dummy(int node) {
        return message[node] < 0;
    }

    /** The node's first child, or -1. */
    public int firstChild(int node) {
        return firstChild[node];
    }

    /** The node's next sibling, or -1. */
    public int next(int node) {
        return next[node];
    }
}
