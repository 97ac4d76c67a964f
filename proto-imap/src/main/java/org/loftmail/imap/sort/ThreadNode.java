package org.loftmail.imap.sort;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a thread tree: a message (its view position) or, for a message that is referred
 * to but not in the result, a dummy ({@link #position()} -1). Children are in thread order.
 */
public final class ThreadNode {
    int position;
    ThreadNode parent;
    /** Most messages have no replies: they share this empty list until they get one. */
    private static final List<ThreadNode> NONE = List.of();

    List<ThreadNode> children = NONE;
    boolean deleted;
    /** The sibling order key: (sent-date rank, position) of the node or of its first child. */
    long date;
    int first;

    ThreadNode(int position) {
        this.position = position;
    }

    public int position() {
        return position;
    }

    public boolean dummy() {
        return position < 0;
    }

    public List<ThreadNode> children() {
        return children;
    }

    void adopt(ThreadNode child) {
        child.parent = this;
        if (children == NONE) {
            children = new ArrayList<>(2);
        }
        children.add(child);
    }

    /** True if this node is {@code n} or one of its ancestors. */
    boolean isAncestorOf(ThreadNode n) {
        for (ThreadNode a = n; a != null; a = a.parent) {
            if (a == this) {
                return true;
            }
        }
        return false;
    }
}
