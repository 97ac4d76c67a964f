package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Commands on messages of the selected mailbox, each optionally prefixed with UID. */
final class MessageCommandParser {
    private MessageCommandParser() {
    }

    static ImapCommand parse(ImapReader r, String tag, String name, boolean uid) {
        r.sp();
        switch (name) {
            case "FETCH": return fetch(r, tag, uid);
            case "STORE": return store(r, tag, uid);
            case "SEARCH": return search(r, tag, uid);
            case "SORT": return sort(r, tag, uid);
            case "THREAD": return thread(r, tag, uid);
            case "COPY": case "MOVE": {
                SequenceSet set = r.sequenceSet();
                r.sp();
                String mailbox = r.astring("mailbox name");
                r.end();
                return name.equals("COPY") ? new ImapCommand.Copy(tag, uid, set, mailbox)
                    : new ImapCommand.Move(tag, uid, set, mailbox);
            }
            default: throw new IllegalArgumentException(name);
        }
    }

    /** FETCH set SP items [SP "(" CHANGEDSINCE n [SP VANISHED] ")"] (RFC 7162). */
    private static ImapCommand fetch(ImapReader r, String tag, boolean uid) {
        SequenceSet set = r.sequenceSet();
        r.sp();
        List<FetchAttribute> atts = new FetchAttributeParser(r).attributes();
        long changedSince = -1;
        boolean vanished = false;
        if (r.trySp()) {
            r.expect('(', "FETCH modifiers");
            do {
                String m = r.keyword("FETCH modifier");
                if (m.equals("CHANGEDSINCE")) {
                    r.sp();
                    changedSince = r.number("mod-sequence");
                } else if (m.equals("VANISHED") && uid) {
                    vanished = true;
                } else {
                    throw new ParseException("Unknown FETCH modifier " + m);
                }
            } while (r.trySp());
            r.expect(')', "\")\" after FETCH modifiers");
            if (vanished && changedSince < 0) {
                throw new ParseException("VANISHED needs CHANGEDSINCE");
            }
        }
        r.end();
        return new ImapCommand.Fetch(tag, uid, set, List.copyOf(atts), changedSince, vanished);
    }

    /** STORE set [SP "(" UNCHANGEDSINCE n ")"] SP ["+"/"-"] FLAGS[.SILENT] SP (flag-list / flags). */
    private static ImapCommand store(ImapReader r, String tag, boolean uid) {
        SequenceSet set = r.sequenceSet();
        r.sp();
        long unchangedSince = -1;
        if (r.peekIs('(')) {
            r.skip();
            String m = r.keyword("STORE modifier");
            if (!m.equals("UNCHANGEDSINCE")) {
                throw new ParseException("Unknown STORE modifier " + m);
            }
            r.sp();
            unchangedSince = r.number("mod-sequence");
            r.expect(')', "\")\" after STORE modifier");
            r.sp();
        }
        ImapCommand.StoreMode mode = ImapCommand.StoreMode.REPLACE;
        if (r.peekIs('+') || r.peekIs('-')) {
            mode = r.peekIs('+') ? ImapCommand.StoreMode.ADD : ImapCommand.StoreMode.REMOVE;
            r.skip();
        }
        String item = r.keyword("store item");
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new ParseException("Unknown store item " + item);
        }
        r.sp();
        List<String> flags;
        if (r.peekIs('(')) {
            flags = r.flagList();
        } else {
            flags = new ArrayList<>();
            flags.add(r.flag());
            while (r.trySp()) {
                flags.add(r.flag());
            }
        }
        r.end();
        return new ImapCommand.Store(tag, uid, set, unchangedSince, mode, silent, List.copyOf(flags));
    }

    /**
     * The optional {@code RETURN (...) SP} of SEARCH and SORT (RFC 4731, 5267); null when absent.
     * A PARTIAL range goes into {@code partial[0]}.
     */
    private static Set<SearchReturn> returnOptions(ImapReader r, PartialRange[] partial) {
        if (!r.lookingAtWord("RETURN")) {
            return null;
        }
        r.atom("RETURN");
        r.sp();
        Set<SearchReturn> ret = SearchKeyParser.returnOptions(r, partial);
        r.sp();
        return ret;
    }

    /** SEARCH [RETURN (...) SP] [CHARSET charset SP] keys (RFC 4731, RFC 3501). */
    private static ImapCommand search(ImapReader r, String tag, boolean uid) {
        PartialRange[] partial = {null};
        Set<SearchReturn> ret = returnOptions(r, partial);
        String charset = null;
        if (r.lookingAtWord("CHARSET")) {
            r.atom("CHARSET");
            r.sp();
            charset = r.astring("charset");
            r.sp();
        }
        SearchKey key = new SearchKeyParser(r).keys();
        return new ImapCommand.Search(tag, uid, charset, ret, key, partial[0]);
    }

    /** SORT [RETURN (...) SP] "(" [REVERSE SP] key *(SP ...) ")" SP charset SP keys (RFC 5256, 5267). */
    private static ImapCommand sort(ImapReader r, String tag, boolean uid) {
        PartialRange[] partial = {null};
        Set<SearchReturn> ret = returnOptions(r, partial);
        r.expect('(', "sort criteria");
        List<SortSpec> criteria = new ArrayList<>();
        do {
            String k = r.keyword("sort criterion");
            boolean reverse = k.equals("REVERSE");
            if (reverse) {
                r.sp();
                k = r.keyword("sort criterion");
            }
            criteria.add(new SortSpec(SortSpec.key(k), reverse));
        } while (r.trySp());
        r.expect(')', "\")\" after sort criteria");
        r.sp();
        String charset = r.astring("charset");
        r.sp();
        SearchKey key = new SearchKeyParser(r).keys();
        return new ImapCommand.Sort(tag, uid, List.copyOf(criteria), charset, key, ret, partial[0]);
    }

    /** THREAD algorithm SP charset SP keys (RFC 5256). */
    private static ImapCommand thread(ImapReader r, String tag, boolean uid) {
        String algorithm = r.keyword("thread algorithm");
        r.sp();
        String charset = r.astring("charset");
        r.sp();
        SearchKey key = new SearchKeyParser(r).keys();
        return new ImapCommand.ThreadMessages(tag, uid, algorithm, charset, key);
    }
}
