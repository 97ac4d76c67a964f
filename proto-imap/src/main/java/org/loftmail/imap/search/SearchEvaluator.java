package org.loftmail.imap.search;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.core.model.Flags;
import org.loftmail.imap.message.MessageAccess;
import org.loftmail.imap.parse.SearchKey;

/**
 * Answers whether one message matches a SEARCH key (RFC 3501 / RFC 9051 section 6.4.4, RFC 5032
 * OLDER/YOUNGER, RFC 7162 MODSEQ). Built once per command; {@link #matches} is then called for
 * each message in the session's view. Immutable and safe to share; each call keeps its own state.
 *
 * <p>String keys match case-insensitively (see {@code CaseFold}) as substrings of decoded text:
 * FROM, TO, CC, BCC, SUBJECT and HEADER look at the top-level header, RFC 2047 words decoded;
 * BODY at the text of text/* and message/* parts after transfer and charset decoding; TEXT at both
 * and at the header blocks inside the message. {@code $} in a sequence set must be replaced by
 * the session first; left in, it matches nothing.
 */
public final class SearchEvaluator {
    /** The CHARSETs SEARCH accepts; what BADCHARSET lists. */
    public static final List<String> CHARSETS = List.of("UTF-8", "US-ASCII");

    private final Criterion root;
    private final ScanPlan plan;

    private SearchEvaluator(Criterion root, ScanPlan plan) {
        this.root = root;
        this.plan = plan;
    }

    /** As {@link #of(SearchKey, String, long, long, long, ZoneId)} in the system's zone. */
    public static SearchEvaluator of(SearchKey key, String charset, long maxSeq, long maxUid, long nowMillis) {
        return of(key, charset, maxSeq, maxUid, nowMillis, ZoneId.systemDefault());
    }

    /**
     * @param charset   the CHARSET the client named, or null; anything but UTF-8 and US-ASCII throws
     *                  {@link BadCharsetException}. Search strings arrive decoded, so the charset
     *                  changes nothing else.
     * @param maxSeq    the number of messages in the view: what {@code *} means in a sequence set
     * @param maxUid    the highest UID in the view ({@code *} in a UID set); 0 when empty
     * @param nowMillis the time OLDER and YOUNGER count back from
     * @param zone      the server's zone, in which BEFORE/ON/SINCE take the internal date's day
     */
    public static SearchEvaluator of(SearchKey key, String charset, long maxSeq, long maxUid, long nowMillis,
                                     ZoneId zone) {
        if (charset != null && CHARSETS.stream().noneMatch(charset::equalsIgnoreCase)) {
            throw new BadCharsetException(charset);
        }
        KeyCompiler compiler = new KeyCompiler(maxSeq, maxUid, Math.floorDiv(nowMillis, 1000L), zone);
        Criterion root = compiler.compile(key);
        return new SearchEvaluator(root, new ScanPlan(compiler.headerNames, compiler.needles));
    }

    public boolean matches(MessageAccess message) {
        return root.test(new MessageScan(message, plan));
    }

    /** Turns the parser's key tree into criteria, collecting the scan plan on the way. */
    private static final class KeyCompiler {
        private final long maxSeq;
        private final long maxUid;
        private final long nowSeconds;
        private final ZoneId zone;
        final Set<String> headerNames = new HashSet<>();
        final List<Needle> needles = new ArrayList<>();

        KeyCompiler(long maxSeq, long maxUid, long nowSeconds, ZoneId zone) {
            this.maxSeq = maxSeq;
            this.maxUid = maxUid;
            this.nowSeconds = nowSeconds;
            this.zone = zone;
        }

        Criterion compile(SearchKey key) {
            if (key instanceof SearchKey.All) {
                return new Criterion.Constant(true);
            }
            if (key instanceof SearchKey.Flag f) {
                return flag(f.flag(), f.present());
            }
            if (key instanceof SearchKey.Text t) {
                return text(t.field(), t.value());
            }
            if (key instanceof SearchKey.Header h) {
                return header(h.name(), h.value());
            }
            if (key instanceof SearchKey.Date d) {
                return d.sent() ? new Criterion.SentDate(d.comparison(), d.date(), zone)
                        : new Criterion.InternalDate(d.comparison(), d.date(), zone);
            }
            if (key instanceof SearchKey.SaveDate d) {
                return new Criterion.SaveDate(new Criterion.InternalDate(d.comparison(), d.date(), zone));
            }
            if (key instanceof SearchKey.SaveDateSupported) {
                return new Criterion.Constant(true);
            }
            if (key instanceof SearchKey.Size s) {
                return new Criterion.Size(s.larger(), s.size());
            }
            if (key instanceof SearchKey.Within w) {
                return new Criterion.Within(w.younger(), nowSeconds - w.seconds());
            }
            if (key instanceof SearchKey.Sequence s) {
                return new Criterion.Sequence(s.set(), maxSeq);
            }
            if (key instanceof SearchKey.Uid u) {
                return new Criterion.Uid(u.set(), maxUid);
            }
            if (key instanceof SearchKey.ModSeq m) {
                return new Criterion.ModSeq(m.modSeq());
            }
            if (key instanceof SearchKey.Not n) {
                return new Criterion.Not(compile(n.key()));
            }
            if (key instanceof SearchKey.Or o) {
                return new Criterion.Or(compile(o.left()), compile(o.right()));
            }
            if (key instanceof SearchKey.And a) {
                List<Criterion> all = new ArrayList<>(a.keys().size());
                for (SearchKey k : a.keys()) {
                    all.add(compile(k));
                }
                return all.size() == 1 ? all.get(0) : new Criterion.And(all);
            }
            throw new IllegalArgumentException("unknown search key " + key);
        }

        private static Criterion flag(String name, boolean present) {
            if (name.equalsIgnoreCase("\\Recent")) {
                return new Criterion.Recent(present);
            }
            int bit = Flags.systemBit(name);
            if (bit != 0) {
                return new Criterion.SystemFlag(bit, present);
            }
            if (name.startsWith("\\")) {
                // No such system flag (\Foo, or \* from a client): never set on any message.
                return new Criterion.Constant(!present);
            }
            return new Criterion.Keyword(name, present);
        }

        private Criterion text(SearchKey.Field field, String value) {
            switch (field) {
                case BODY:
                    return body(value, false);
                case TEXT:
                    return body(value, true);
                default:
                    return header(field.name(), value);
            }
        }

        private Criterion header(String name, String value) {
            String lower = name.toLowerCase(Locale.ROOT);
            headerNames.add(lower);
            return new Criterion.HeaderContains(lower, CaseFold.fold(value));
        }

        private Criterion body(String value, boolean headers) {
            String folded = CaseFold.fold(value);
            if (folded.isEmpty()) {
                // Every message has a (possibly empty) body, and "" is in any text.
                return new Criterion.Constant(true);
            }
            for (int i = 0; i < needles.size(); i++) {
                if (needles.get(i).sameAs(folded, headers)) {
                    return new Criterion.BodyContains(i);
                }
            }
            needles.add(new Needle(folded, headers));
            return new Criterion.BodyContains(needles.size() - 1);
        }
    }
}
