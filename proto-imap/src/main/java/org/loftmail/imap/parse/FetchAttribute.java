package org.loftmail.imap.parse;

import java.util.List;

/** One FETCH data item, with the ALL/FAST/FULL macros already expanded. */
public sealed interface FetchAttribute {

    /** Items without arguments. {@code BODY} is the non-extensible BODYSTRUCTURE. */
    enum Item implements FetchAttribute {
        FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, UID, MODSEQ,
        RFC822, RFC822_HEADER, RFC822_TEXT,
        /** RFC 8970; {@code PREVIEW (LAZY)} is accepted and answered the same way. */
        PREVIEW,
        /** RFC 8514: when the message was saved into this mailbox. */
        SAVEDATE
    }

    /** BODY[section]<partial> or BODY.PEEK; {@code partial} may be null. */
    record Body(boolean peek, Section section, Partial partial) implements FetchAttribute { }

    /** RFC 3516 BINARY[part]<partial> or BINARY.PEEK; an empty part means the whole message. */
    record Binary(boolean peek, List<Integer> part, Partial partial) implements FetchAttribute { }

    /** RFC 3516 BINARY.SIZE[part]. */
    record BinarySize(List<Integer> part) implements FetchAttribute { }

    /**
     * A section: {@code part} (empty for the top level) and what of it. {@code fields} is only
     * non-empty for HEADER.FIELDS and HEADER.FIELDS.NOT.
     */
    record Section(List<Integer> part, SectionText text, List<String> fields) {
        public Section {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
        }
    }

    /** The section-text of RFC 3501; NONE is the whole part. */
    enum SectionText { NONE, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /** {@code <offset.length>}. */
    record Partial(long offset, long length) { }
}
