package org.loftmail.imap.fetch;

import java.util.Arrays;
import java.util.List;
import org.loftmail.imap.parse.FetchAttribute;
import org.loftmail.imap.parse.FetchAttribute.SectionText;

/** Short ways to write the FETCH items tests ask for. */
final class Items {
    private Items() {
    }

    /** BODY[part] or BODY[part.text]; {@code part} like "1.2" or "". */
    static FetchAttribute.Body body(String part, SectionText text, String... fields) {
        return new FetchAttribute.Body(false, section(part, text, fields), null);
    }

    static FetchAttribute.Body body(String part) {
        return body(part, SectionText.NONE);
    }

    static FetchAttribute.Body peek(String part, SectionText text, String... fields) {
        return new FetchAttribute.Body(true, section(part, text, fields), null);
    }

    static FetchAttribute.Body partial(String part, SectionText text, long offset, long length, String... fields) {
        return new FetchAttribute.Body(false, section(part, text, fields), new FetchAttribute.Partial(offset, length));
    }

    static FetchAttribute.Binary binary(String part) {
        return new FetchAttribute.Binary(false, numbers(part), null);
    }

    static FetchAttribute.Binary binary(String part, long offset, long length) {
        return new FetchAttribute.Binary(true, numbers(part), new FetchAttribute.Partial(offset, length));
    }

    static FetchAttribute.BinarySize binarySize(String part) {
        return new FetchAttribute.BinarySize(numbers(part));
    }

    static FetchAttribute.Section section(String part, SectionText text, String... fields) {
        return new FetchAttribute.Section(numbers(part), text, List.of(fields));
    }

    static List<Integer> numbers(String part) {
        if (part.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(part.split("\\.")).map(Integer::valueOf).toList();
    }

    /** {@code name {n}CRLF octets}. */
    static String literal(String name, String octets) {
        return name + " {" + octets.length() + "}\r\n" + octets;
    }

    /** A whole response line for message 1. */
    static String fetch(String items) {
        return "* 1 FETCH (" + items + ")\r\n";
    }
}
