package org.loftmail.imap.sort;

import java.util.ArrayDeque;
import java.util.List;
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

    /** @param number the sequence number or UID of a node's position */
    public static void write(ImapResponseWriter w, List<ThreadNode> roots, IntToLongFunction number) {
        w.untagged().atom("THREAD");
        if (!roots.isEmpty()) {
            w.sp();
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        for (ThreadNode root : roots) {
            w.openParen();
            thread(w, root, number, stack);
            w.closeParen();
        }
        w.crlf();
    }

    private record Frame(ThreadNode node, boolean parenthesised, int[] next) {
    }

    /** Writes one thread; {@code stack} is empty before and after. */
    private static void thread(ImapResponseWriter w, ThreadNode root, IntToLongFunction number,
                               ArrayDeque<Frame> stack) {
        if (!root.dummy()) {
            w.number(number.applyAsLong(root.position));
        }
        stack.push(new Frame(root, false, new int[1]));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            List<ThreadNode> kids = f.node().children;
            if (f.next()[0] == kids.size()) {
                stack.pop();
                if (f.parenthesised()) {
                    w.closeParen();
                }
                continue;
            }
            ThreadNode child = kids.get(f.next()[0]++);
            boolean nested = kids.size() > 1;
            if (!f.node().dummy() && (!nested || f.next()[0] == 1)) {
                w.sp();
            }
            if (nested) {
                w.openParen();
            }
            if (!child.dummy()) {
                w.number(number.applyAsLong(child.position));
            }
            stack.push(new Frame(child, nested, new int[1]));
        }
    }
}
