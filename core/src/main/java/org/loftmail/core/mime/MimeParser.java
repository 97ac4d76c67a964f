package org.loftmail.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over a message that finds every part's header and body and where each
 * ends. Boundaries are searched innermost first; a line that is the boundary of an enclosing
 * multipart ends every part inside it, so a missing close delimiter only makes the last part
 * run to the next outer boundary or the end (as Dovecot does). A boundary that never appears
 * leaves the multipart without parts. Nothing here throws on malformed input.
 */
final class MimeParser {
    /** Deeper nesting is treated as opaque bodies: bounds recursion on hostile input. */
    static final int MAX_DEPTH = 64;

    private final LineReader in;
    private final List<byte[]> boundaries = new ArrayList<>();

    private MimeParser(LineReader in) {
        this.in = in;
    }

    static PartNode parse(LineReader in) {
        PartNode root = new PartNode("");
        new MimeParser(in).part(root, false, 0);
        return root;
    }

    private void part(PartNode node, boolean digestChild, int depth) {
        node.headerStart = in.position();
        HeaderFields headers = new HeaderFields();
        node.bodyStart = null;
        while (in.next()) {
            if (boundaryAt() >= 0) {
                in.unread();
                node.bodyStart = in.startMark();
                break;
            }
            if (in.isBlank()) {
                node.bodyStart = in.endMark();
                break;
            }
            headers.line(in.bytes(), in.captured());
        }
        headers.finish();
        if (node.bodyStart == null) {
            node.bodyStart = in.position();
        }
        node.headers = headers;
        node.content = ContentInfo.of(headers, digestChild);
        if (depth < MAX_DEPTH && node.content.isMultipart() && node.content.boundary() != null) {
            multipart(node, depth);
        } else if (depth < MAX_DEPTH && node.content.encapsulatesMessage()) {
            PartNode message = new PartNode(messageSection(node.section));
            node.children.add(message);
            part(message, false, depth + 1);
            node.end = message.end;
        } else {
            node.end = skipBody(node.bodyStart);
        }
    }

    /**
     * The section number of a message/rfc822 part's encapsulated message: the part's own number,
     * except at the top, where a message/rfc822 body is part "1" (RFC 3501 section 6.4.5).
     */
    static String messageSection(String section) {
        return section.isEmpty() ? "1" : section;
    }

    /** Reads up to (not including) the next active boundary line, or to the end. */
    private Mark skipBody(Mark bodyStart) {
        while (in.next()) {
            if (boundaryAt() >= 0) {
                in.unread();
                return in.endBefore(bodyStart);
            }
        }
        return in.position();
    }

    private void multipart(PartNode node, int depth) {
        byte[] own = ("--" + node.content.boundary()).getBytes(StandardCharsets.ISO_8859_1);
        boundaries.add(own);
        int ownIndex = boundaries.size() - 1;
        boolean digest = node.content.subtype().equals("DIGEST");
        while (in.next()) {
            int b = boundaryAt();
            if (b < 0) {
                continue;
            }
            if (b != ownIndex) {
                in.unread();
                boundaries.remove(ownIndex);
                node.end = in.endBefore(node.bodyStart);
                return;
            }
            if (isClose(own)) {
                // The epilogue: our own delimiter means nothing any more, an outer one ends us.
                boundaries.remove(ownIndex);
                node.end = skipBody(node.bodyStart);
                return;
            }
            String prefix = node.section.isEmpty() ? "" : node.section + ".";
            PartNode child = new PartNode(prefix + (node.children.size() + 1));
            node.children.add(child);
            part(child, digest, depth + 1);
        }
        boundaries.remove(ownIndex);
        node.end = in.position();
    }

    /** Index of the innermost active boundary the current line is, or -1. */
    private int boundaryAt() {
        if (boundaries.isEmpty() || in.captured() < 3) {
            return -1;
        }
        byte[] line = in.bytes();
        if (line[0] != '-' || line[1] != '-') {
            return -1;
        }
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            if (matches(boundaries.get(i), line, in.captured())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * "--boundary" followed by nothing but transport padding, or by "--" (the close delimiter).
     * Requiring that keeps an inner boundary "a" from matching an outer "a-b".
     */
    private static boolean matches(byte[] delimiter, byte[] line, int length) {
        if (length < delimiter.length) {
            return false;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (line[i] != delimiter[i]) {
                return false;
            }
        }
        int rest = delimiter.length;
        if (length >= rest + 2 && line[rest] == '-' && line[rest + 1] == '-') {
            return true;
        }
        for (int i = rest; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private boolean isClose(byte[] delimiter) {
        byte[] line = in.bytes();
        return in.captured() >= delimiter.length + 2 && line[delimiter.length] == '-'
                && line[delimiter.length + 1] == '-';
    }
}
