package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** RFC 3501 search-key grammar with RFC 5032 WITHIN, RFC 5182 {@code $} and RFC 7162 MODSEQ. */
final class SearchKeyParser {
    /** NOT/OR/parentheses recurse; a bound keeps a hostile client from overflowing the stack. */
    private static final int MAX_DEPTH = 64;

    private final ImapReader r;
    private int depth;

    SearchKeyParser(ImapReader r) {
        this.r = r;
    }

    /** 1*(SP search-key) up to the end of the command; the leading SP is already consumed. */
    SearchKey keys() {
        List<SearchKey> keys = new ArrayList<>();
        keys.add(key());
        while (r.trySp()) {
            keys.add(key());
        }
        r.end();
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    /**
     * "(" [option *(SP option)] ")" after RETURN SP; the range of a PARTIAL option goes into
     * {@code partial[0]}. PARTIAL twice, or with ALL, is an error (RFC 5267 section 4.4).
     */
    static Set<SearchReturn> returnOptions(ImapReader r, PartialRange[] partial) {
        r.expect('(', "RETURN options");
        java.util.EnumSet<SearchReturn> set = java.util.EnumSet.noneOf(SearchReturn.class);
        boolean first = true;
        while (!r.peekIs(')')) {
            if (!first) {
                r.sp();
            }
            first = false;
            SearchReturn option = SearchReturn.of(r.atom("RETURN option"));
            if (option == SearchReturn.PARTIAL) {
                if (set.contains(SearchReturn.PARTIAL)) {
                    throw new ParseException("PARTIAL can be used only once");
                }
                r.sp();
                partial[0] = partialRange(r);
            }
            set.add(option);
        }
        r.skip();
        if (set.contains(SearchReturn.PARTIAL) && set.contains(SearchReturn.ALL)) {
            throw new ParseException("PARTIAL conflicts with ALL");
        }
        return set;
    }

    /** nz-number ":" nz-number, or with RFC 9394 "-" nz-number ":" "-" nz-number. */
    private static PartialRange partialRange(ImapReader r) {
        String text = r.run("PARTIAL range", c -> c == '-' || c == ':' || (c >= '0' && c <= '9'));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?)([1-9][0-9]{0,9}):(-?)([1-9][0-9]{0,9})")
                .matcher(text);
        if (!m.matches() || !m.group(1).equals(m.group(3))) {
            throw new ParseException("Invalid PARTIAL range " + text);
        }
        long sign = m.group(1).isEmpty() ? 1 : -1;
        long a = Long.parseLong(m.group(2));
        long b = Long.parseLong(m.group(4));
        if (a > 0xffff_ffffL || b > 0xffff_ffffL) {
            throw new ParseException("Invalid PARTIAL range " + text);
        }
        return new PartialRange(sign * a, sign * b);
    }

    private SearchKey key() {
        if (++depth > MAX_DEPTH) {
            throw new ParseException("Search key nesting too deep");
        }
        try {
            return keyAtDepth();
        } finally {
            depth--;
        }
    }

    private SearchKey keyAtDepth() {
        int c = r.peek();
        if (c == '(') {
            r.skip();
            List<SearchKey> keys = new ArrayList<>();
            keys.add(key());
            while (!r.peekIs(')')) {
                r.sp();
                keys.add(key());
            }
            r.skip();
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        }
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            return new SearchKey.Sequence(r.sequenceSet());
        }
        String name = r.atom("search key").toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL": return new SearchKey.All();
            case "ANSWERED": return flag("\\Answered", true);
            case "DELETED": return flag("\\Deleted", true);
            case "DRAFT": return flag("\\Draft", true);
            case "FLAGGED": return flag("\\Flagged", true);
            case "SEEN": return flag("\\Seen", true);
            case "RECENT": return flag("\\Recent", true);
            case "OLD": return flag("\\Recent", false);
            case "UNANSWERED": return flag("\\Answered", false);
            case "UNDELETED": return flag("\\Deleted", false);
            case "UNDRAFT": return flag("\\Draft", false);
            case "UNFLAGGED": return flag("\\Flagged", false);
            case "UNSEEN": return flag("\\Seen", false);
            case "NEW": return new SearchKey.And(List.of(flag("\\Recent", true), flag("\\Seen", false)));
            case "KEYWORD": r.sp(); return flag(r.atom("keyword"), true);
            case "UNKEYWORD": r.sp(); return flag(r.atom("keyword"), false);
            case "BCC": return text(SearchKey.Field.BCC);
            case "CC": return text(SearchKey.Field.CC);
            case "FROM": return text(SearchKey.Field.FROM);
            case "SUBJECT": return text(SearchKey.Field.SUBJECT);
            case "TO": return text(SearchKey.Field.TO);
            case "BODY": return text(SearchKey.Field.BODY);
            case "TEXT": return text(SearchKey.Field.TEXT);
            case "HEADER": {
                r.sp();
                String field = r.astring("header field name");
                r.sp();
                return new SearchKey.Header(field, r.astring("header value"));
            }
            case "BEFORE": return date(false, SearchKey.Comparison.BEFORE);
            case "ON": return date(false, SearchKey.Comparison.ON);
            case "SINCE": return date(false, SearchKey.Comparison.SINCE);
            case "SENTBEFORE": return date(true, SearchKey.Comparison.BEFORE);
            case "SENTON": return date(true, SearchKey.Comparison.ON);
            case "SENTSINCE": return date(true, SearchKey.Comparison.SINCE);
            case "SAVEDBEFORE": r.sp(); return new SearchKey.SaveDate(SearchKey.Comparison.BEFORE, ImapDates.date(r));
            case "SAVEDON": r.sp(); return new SearchKey.SaveDate(SearchKey.Comparison.ON, ImapDates.date(r));
            case "SAVEDSINCE": r.sp(); return new SearchKey.SaveDate(SearchKey.Comparison.SINCE, ImapDates.date(r));
            case "SAVEDATESUPPORTED": return new SearchKey.SaveDateSupported();
            case "LARGER": r.sp(); return new SearchKey.Size(true, r.number32("size"));
            case "SMALLER": r.sp(); return new SearchKey.Size(false, r.number32("size"));
            case "YOUNGER": r.sp(); return new SearchKey.Within(true, r.nzNumber("interval"));
            case "OLDER": r.sp(); return new SearchKey.Within(false, r.nzNumber("interval"));
            case "UID": r.sp(); return new SearchKey.Uid(r.sequenceSet());
            case "NOT": r.sp(); return new SearchKey.Not(key());
            case "OR": {
                r.sp();
                SearchKey left = key();
                r.sp();
                return new SearchKey.Or(left, key());
            }
            case "MODSEQ": return modSeq();
            default: throw new ParseException("Unknown search key " + name);
        }
    }

    private static SearchKey flag(String flag, boolean present) {
        return new SearchKey.Flag(flag, present);
    }

    private SearchKey text(SearchKey.Field field) {
        r.sp();
        return new SearchKey.Text(field, r.astring("search string"));
    }

    private SearchKey date(boolean sent, SearchKey.Comparison cmp) {
        r.sp();
        return new SearchKey.Date(sent, cmp, ImapDates.date(r));
    }

    /** MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer. */
    private SearchKey modSeq() {
        r.sp();
        if (r.peekIs('"')) {
            String entry = r.string("entry name");
            r.sp();
            String type = r.keyword("entry type").toLowerCase(Locale.ROOT);
            if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
                throw new ParseException("Invalid MODSEQ entry type " + type);
            }
            r.sp();
            return new SearchKey.ModSeq(entry, type, r.number("mod-sequence"));
        }
        return new SearchKey.ModSeq(null, null, r.number("mod-sequence"));
    }
}
