package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;

/** Computes the SORT and THREAD keys from a message's top-level header. */
final class KeyExtractor {
    private KeyExtractor() {
    }

    static SortKeys sortKeys(HeaderFields h, BaseSubject.Result subject, long internalDate) {
        Long sent = DateParser.parse(h.get("date"));
        Address from = first(h.get("from"));
        Address to = first(h.get("to"));
        Address cc = first(h.get("cc"));
        return new SortKeys(subject.base(), mailbox(from), mailbox(to), mailbox(cc), display(from),
                display(to), sent == null ? internalDate : sent);
    }

    static ThreadKeys threadKeys(HeaderFields h, BaseSubject.Result subject) {
        List<String> inReplyTo = messageIds(h.get("in-reply-to"));
        List<String> references = messageIds(h.get("references"));
        if (references.isEmpty() && !inReplyTo.isEmpty()) {
            references = List.of(inReplyTo.get(0));
        }
        List<String> ids = messageIds(h.get("message-id"));
        return new ThreadKeys(ids.isEmpty() ? "" : ids.get(0), inReplyTo.isEmpty() ? "" : inReplyTo.get(0),
                references, subject.base(), subject.replyOrForward());
    }

    static BaseSubject.Result subject(HeaderFields h) {
        return BaseSubject.of(EncodedWords.decode(h.get("subject")));
    }

    private static Address first(String value) {
        for (Address a : AddressParser.parse(value)) {
            if (!a.groupMarker()) {
                return a;
            }
        }
        return null;
    }

    /** RFC 5256: the addr-mailbox of the first address, in collation key form. */
    private static String mailbox(Address a) {
        return a == null || a.mailbox() == null ? "" : Casemap.key(EncodedWords.raw8(a.mailbox()));
    }

    /** RFC 5957: the decoded display name, or the addr-spec when there is none. */
    private static String display(Address a) {
        if (a == null) {
            return "";
        }
        String name = a.name() == null ? "" : EncodedWords.decode(a.name()).strip();
        String value = name.isEmpty() ? EncodedWords.raw8(a.addrSpec()) : name;
        return Casemap.key(value);
    }

    /** The msg-ids ("<…>") of a field, in order, without brackets and whitespace. */
    static List<String> messageIds(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int i = 0;
        while (true) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            int nested = value.indexOf('<', open + 1);
            if (nested >= 0 && nested < close) {
                i = nested;
                continue;
            }
            String id = value.substring(open + 1, close).replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                out.add(id);
            }
            i = close + 1;
        }
        return out;
    }
}
