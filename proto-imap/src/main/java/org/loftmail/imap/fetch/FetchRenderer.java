package org.loftmail.imap.fetch;

import java.time.ZoneId;
import java.util.List;
import org.loftmail.core.store.MessageInfo;
import org.loftmail.imap.message.MessageAccess;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.wire.FetchResponse;

/**
 * Writes the FETCH response for one message (RFC 3501 section 7.4.2, RFC 9051, RFC 3516 BINARY,
 * RFC 7162 MODSEQ). Items go out in the order asked; the message's summary and content are only
 * loaded when an item needs them. Setting {@code \Seen} is the caller's business: it updates the
 * flags first and asks for FLAGS when the client must see the change.
 */
public final class FetchRenderer {
    private static final FetchAttribute.Section HEADER =
            new FetchAttribute.Section(List.of(), FetchAttribute.SectionText.HEADER, List.of());
    private static final FetchAttribute.Section TEXT =
            new FetchAttribute.Section(List.of(), FetchAttribute.SectionText.TEXT, List.of());

    private FetchRenderer() {
    }

    /**
     * Writes {@code * seq FETCH (...)CRLF} for one message, items in the given order.
     *
     * @throws UnknownCteException before writing anything, when a BINARY item names a part
     *                             whose encoding cannot be undone (answer {@code NO [UNKNOWN-CTE]})
     * @throws java.io.UncheckedIOException when the message cannot be read; the response may be
     *                             cut short then, and the session should drop the connection
     */
    public static void render(ResponseSink sink, MessageAccess message, List<FetchAttribute> items, ZoneId zone) {
        MessageSections sections = new MessageSections(message);
        // Every reason to refuse BINARY is found before the first octet of the response.
        for (FetchAttribute item : items) {
            if (item instanceof FetchAttribute.Binary binary) {
                sections.binary(binary.part());
            } else if (item instanceof FetchAttribute.BinarySize size) {
                sections.binary(size.part());
            }
        }
        FetchResponse response = FetchResponse.begin(sink.writer(), message.seq());
        LiteralEmitter literals = new LiteralEmitter(sink, response);
        for (FetchAttribute item : items) {
            if (item instanceof FetchAttribute.Item simple) {
                simple(simple, response, literals, message, sections, zone);
            } else if (item instanceof FetchAttribute.Body body) {
                literals.write(ItemNames.body(body.section(), body.partial()), sections.body(body.section()),
                        body.partial(), false);
            } else if (item instanceof FetchAttribute.Binary binary) {
                literals.write(ItemNames.binary(binary.part(), binary.partial()), sections.binary(binary.part()),
                        binary.partial(), true);
            } else if (item instanceof FetchAttribute.BinarySize size) {
                long octets = LiteralEmitter.size(sections.binary(size.part()));
                response.item(ItemNames.binarySize(size.part())).number(octets);
            }
        }
        response.end();
    }

    private static void simple(FetchAttribute.Item item, FetchResponse response, LiteralEmitter literals,
                               MessageAccess message, MessageSections sections, ZoneId zone) {
        MessageInfo info = message.info();
        switch (item) {
            case FLAGS -> response.flags(info.flags(), message.recent());
            case INTERNALDATE -> response.internalDate(info.internalDate(), zone);
            case SAVEDATE -> response.item("SAVEDATE").internalDate(info.saveDate(), zone);
            case RFC822_SIZE -> response.rfc822Size(info.virtualSize());
            case UID -> response.uid(info.uid());
            case MODSEQ -> response.modSeq(info.modSeq());
            case ENVELOPE -> response.envelope(message.summary().envelope());
            case BODY -> response.bodyStructure(message.summary().body(), false);
            case BODYSTRUCTURE -> response.bodyStructure(message.summary().bodyStructure(), true);
            case RFC822 -> literals.write("RFC822", sections.whole(), null, false);
            case RFC822_HEADER -> literals.write("RFC822.HEADER", sections.body(HEADER), null, false);
            case RFC822_TEXT -> literals.write("RFC822.TEXT", sections.body(TEXT), null, false);
            case PREVIEW -> {
                try {
                    response.item("PREVIEW").string(Preview.of(message.content(), message.summary().rootPart()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            default -> throw new AssertionError(item);
        }
    }
}
