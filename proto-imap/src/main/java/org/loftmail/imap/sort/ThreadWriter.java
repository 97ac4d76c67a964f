package org.loftmail.imap.sort;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.loftmail.imap.wire.ImapResponseWriter;

/**
 * Writes {@code * THREAD (…)(…)} (RFC 5256 section 4): a node with one child is followed by that
 * child in the same list, "(3 6 …"; a node with several children is followed by one
 * parenthesised list per child, "6 (4 23)(44 7 96)"; a dummy writes no number.
 */
public final class ThreadWriter {
    private ThreadWriter() {
    }

    /** @param number the sequence number or UID of a message index */
    public static void write(ImapResponseWriter w, ThreadTree tree, IntToLongFunction number) {
        w.untagged().atom("THREAD");
        if (tree.roots() > 0) {
            w.sp();
        }
        // The path from the root being written: each node, the child to write next, and
        // whether the node's list was opened with a parenthesis.
        int[] nodes = new int[16];
        int[] pending = new int[16];
        boolean[] parenthesised = new boolean[16];
        for (int i = 0; i < tree.roots(); i++) {
            int root = tree.root(i);
            w.openParen();
            if (!tree.dummy(root)) {
                w.number(number.applyAsLong(tree.message(root)));
            }
            int top = 0;
            nodes[0] = root;
            pending[0] = tree.firstChild(root);
            parenthesised[0] = false;
            while (top >= 0) {
                int node = nodes[top];
                int child = pending[top];
                if (child < 0) {
                    if (parenthesised[top]) {
                        w.closeParen();
                    }
                    top--;
                    continue;
                }
                pending[top] = tree.next(child);
                int first = tree.firstChild(node);
                boolean nested = tree.next(first) >= 0;
                if (!tree.dummy(node) && (!nested || child == first)) {
                    w.sp();
                }
                if (nested) {
                    w.openParen();
                }
                if (!tree.dummy(child)) {
                    w.number(number.applyAsLong(tree.message(child)));
                }
                if (++top == nodes.length) {
                    nodes = Arrays.copyOf(nodes, top * 2);
                    pending = Arrays.copyOf(pending, top * 2);
                    parenthesised = Arrays.copyOf(parenthesised, top * 2);
                }
                nodes[top] = child;
                pending[top] = tree.firstChild(child);
                parenthesised[top] = nested;
            }
            w.closeParen();
        }
        w.crlf();
    }
}
