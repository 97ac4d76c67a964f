package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** FETCH items: macros, simple items, BODY[section]<partial>, BINARY[part]<partial>. */
final class FetchAttributeParser {
    private static final List<FetchAttribute> FAST = List.of(
        FetchAttribute.Item.FLAGS, FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE);
    private static final List<FetchAttribute> ALL = List.of(FetchAttribute.Item.FLAGS,
        FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE);
    private static final List<FetchAttribute> FULL = List.of(FetchAttribute.Item.FLAGS,
        FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE,
        FetchAttribute.Item.BODY);

    private final ImapReader r;

    FetchAttributeParser(ImapReader r) {
        this.r = r;
    }

    /** ALL / FULL / FAST / fetch-att / "(" fetch-att *(SP fetch-att) ")". */
    List<FetchAttribute> attributes() {
        List<FetchAttribute> out = new ArrayList<>();
        if (r.peekIs('(')) {
            r.skip();
            out.add(attribute());
            while (!r.peekIs(')')) {
                r.sp();
                out.add(attribute());
            }
            r.skip();
            return out;
        }
        if (r.lookingAtWord("ALL")) {
            name();
            return ALL;
        }
        if (r.lookingAtWord("FAST")) {
            name();
            return FAST;
        }
        if (r.lookingAtWord("FULL")) {
            name();
            return FULL;
        }
        out.add(attribute());
        return out;
    }

    /** PREVIEW [SP "(" LAZY ")"]: the preview is cheap enough to make every time, so LAZY changes nothing. */
    private FetchAttribute preview() {
        if (r.lookingAt(" (")) {
            r.sp();
            r.skip();
            String modifier = r.keyword("PREVIEW modifier");
            if (!modifier.equals("LAZY")) {
                throw new ParseException("Unknown PREVIEW modifier " + modifier);
            }
            r.expect(')', "\")\" after PREVIEW modifiers");
        }
        return FetchAttribute.Item.PREVIEW;
    }

    private FetchAttribute attribute() {
        String name = name();
        switch (name) {
            case "FLAGS": return FetchAttribute.Item.FLAGS;
            case "INTERNALDATE": return FetchAttribute.Item.INTERNALDATE;
            case "RFC822.SIZE": return FetchAttribute.Item.RFC822_SIZE;
            case "ENVELOPE": return FetchAttribute.Item.ENVELOPE;
            case "BODYSTRUCTURE": return FetchAttribute.Item.BODYSTRUCTURE;
            case "UID": return FetchAttribute.Item.UID;
            case "MODSEQ": return FetchAttribute.Item.MODSEQ;
            case "PREVIEW": return preview();
            case "SAVEDATE": return FetchAttribute.Item.SAVEDATE;
            case "RFC822": return FetchAttribute.Item.RFC822;
            case "RFC822.HEADER": return FetchAttribute.Item.RFC822_HEADER;
            case "RFC822.TEXT": return FetchAttribute.Item.RFC822_TEXT;
            case "BODY":
                return r.peekIs('[') ? new FetchAttribute.Body(false, section(), partial()) : FetchAttribute.Item.BODY;
            case "BODY.PEEK":
                return new FetchAttribute.Body(true, section(), partial());
            case "BINARY":
                return new FetchAttribute.Binary(false, binarySection(), partial());
            case "BINARY.PEEK":
                return new FetchAttribute.Binary(true, binarySection(), partial());
            case "BINARY.SIZE":
                return new FetchAttribute.BinarySize(binarySection());
            default:
                throw new ParseException("Unknown FETCH item " + name);
        }
    }

    /** Item names run up to "[", space or ")"; "." is part of them (RFC822.SIZE, BODY.PEEK). */
    private String name() {
        return r.run("FETCH item", c -> ImapReader.isAtomChar(c) && c != '[' && c != '<')
            .toUpperCase(Locale.ROOT);
    }

    /** "[" section-spec "]". */
    private FetchAttribute.Section section() {
        r.expect('[', "section");
        List<Integer> part = partNumbers();
        FetchAttribute.SectionText text = FetchAttribute.SectionText.NONE;
        List<String> fields = List.of();
        if (!r.peekIs(']')) {
            if (!part.isEmpty()) {
                r.expect('.', "section");
            }
            String t = r.run("section", c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.')
                .toUpperCase(Locale.ROOT);
            switch (t) {
                case "HEADER": text = FetchAttribute.SectionText.HEADER; break;
                case "TEXT": text = FetchAttribute.SectionText.TEXT; break;
                case "MIME":
                    if (part.isEmpty()) {
                        throw new ParseException("MIME section needs a part number");
                    }
                    text = FetchAttribute.SectionText.MIME;
                    break;
                case "HEADER.FIELDS":
                case "HEADER.FIELDS.NOT":
                    text = t.endsWith(".NOT") ? FetchAttribute.SectionText.HEADER_FIELDS_NOT
                        : FetchAttribute.SectionText.HEADER_FIELDS;
                    r.sp();
                    fields = headerList();
                    break;
                default: throw new ParseException("Invalid section " + t);
            }
        }
        r.expect(']', "\"]\" after section");
        return new FetchAttribute.Section(part, text, fields);
    }

    /** section-part = nz-number *("." nz-number), possibly empty; stops before ".TEXT" etc. */
    private List<Integer> partNumbers() {
        List<Integer> part = new ArrayList<>();
        while (r.peek() >= '0' && r.peek() <= '9') {
            long n = r.nzNumber("section part");
            if (n > Integer.MAX_VALUE) {
                throw new ParseException("Invalid section part");
            }
            part.add((int) n);
            if (r.peekIs('.') && r.nextIsDigit()) {
                r.skip();
            } else {
                break;
            }
        }
        return part;
    }

    private List<Integer> binarySection() {
        r.expect('[', "section");
        List<Integer> part = partNumbers();
        r.expect(']', "\"]\" after section");
        return part;
    }

    private List<String> headerList() {
        r.expect('(', "header list");
        List<String> fields = new ArrayList<>();
        fields.add(r.astring("header field name"));
        while (!r.peekIs(')')) {
            r.sp();
            fields.add(r.astring("header field name"));
        }
        r.skip();
        return fields;
    }

    /** ["<" number "." nz-number ">"]. */
    private FetchAttribute.Partial partial() {
        if (!r.peekIs('<')) {
            return null;
        }
        r.skip();
        long offset = r.number32("partial offset");
        r.expect('.', "partial length");
        long length = r.nzNumber("partial length");
        r.expect('>', "\">\" after partial");
        return new FetchAttribute.Partial(offset, length);
    }
}
