package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * One part while the parser walks the message: where it lies, its content fields and, for
 * message headers, the fields the envelope and the keys need. Mutable and parser-private; the
 * summary turns it into strings and {@link MimePart}s.
 */
final class PartNode {
    final String section;
    Mark headerStart;
    Mark bodyStart;
    Mark end;
    HeaderFields headers;
    ContentInfo content;
    /** Parts of a multipart; the single encapsulated message of a message/rfc822 part. */
    final List<PartNode> children = new ArrayList<>();

    PartNode(String section) {
        this.section = section;
    }

    MimePart.Kind kind() {
        if (content.isMultipart()) {
            return MimePart.Kind.MULTIPART;
        }
        return children.isEmpty() ? MimePart.Kind.SINGLE : MimePart.Kind.MESSAGE;
    }

    long bodyOctets() {
        return end.virtual() - bodyStart.virtual();
    }

    long bodyLines() {
        return end.lines() - bodyStart.lines();
    }

    MimePart toMimePart() {
        List<MimePart> parts = new ArrayList<>(children.size());
        for (PartNode child : children) {
            parts.add(child.toMimePart());
        }
        return new MimePart(section, kind(), headerStart.offset(), bodyStart.offset(), end.offset(),
                bodyStart.virtual() - headerStart.virtual(), bodyOctets(), bodyLines(), parts);
    }
}
