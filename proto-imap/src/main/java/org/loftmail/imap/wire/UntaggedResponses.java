package org.loftmail.imap.wire;

import org.loftmail.imap.parse.StatusItem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loftmail.core.model.Flags;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;

/**
 * Typed untagged responses, each a complete line ending in CRLF. Status lines
 * ({@code * OK [UIDNEXT 5] …}) are {@link ImapResponseWriter#status}; FETCH is
 * {@link FetchResponse}.
 */
public final class UntaggedResponses {
    private UntaggedResponses() {
    }

    /** {@code * CAPABILITY IMAP4rev1 …}. */
    public static void capability(ImapResponseWriter w, CapabilityList caps) {
        capabilityData(w.untagged(), caps);
        w.crlf();
    }

    /** The body shared by the untagged response and the {@code [CAPABILITY …]} code. */
    static void capabilityData(ImapResponseWriter w, CapabilityList caps) {
        w.atom("CAPABILITY");
        for (Capability c : caps.capabilities()) {
            if (c == Capability.AUTH) {
                for (String mechanism : caps.saslMechanisms()) {
                    w.sp().atom("AUTH=").atom(mechanism);
                }
            } else {
                w.sp().atom(c.wireName());
                if (c == Capability.APPENDLIMIT && caps.appendLimit().isPresent()) {
                    w.atom("=").number(caps.appendLimit().getAsLong());
                }
            }
        }
    }

    /** {@code * ENABLED CONDSTORE …}: only what this ENABLE newly turned on. */
    public static void enabled(ImapResponseWriter w, Set<Capability> enabled) {
        w.untagged().atom("ENABLED");
        for (Capability c : enabled) {
            w.sp().atom(c.wireName());
        }
        w.crlf();
    }

    /** {@code * FLAGS (…)}: the flags defined in the mailbox. */
    public static void flags(ImapResponseWriter w, Flags defined) {
        w.untagged().atom("FLAGS").sp().flags(defined, false).crlf();
    }

    public static void exists(ImapResponseWriter w, long count) {
        w.untagged().number(count).sp().atom("EXISTS").crlf();
    }

    /** IMAP4rev1 only; RFC 9051 removed RECENT. */
    public static void recent(ImapResponseWriter w, long count) {
        w.untagged().number(count).sp().atom("RECENT").crlf();
    }

    public static void expunge(ImapResponseWriter w, long seq) {
        w.untagged().number(seq).sp().atom("EXPUNGE").crlf();
    }

    /** RFC 7162 {@code * VANISHED [(EARLIER) ]uid-set}. */
    public static void vanished(ImapResponseWriter w, boolean earlier, NumberSet uids) {
        w.untagged().atom("VANISHED").sp();
        if (earlier) {
            w.atom("(EARLIER)").sp();
        }
        w.numberSet(uids).crlf();
    }

    public static void list(ImapResponseWriter w, ListResponse entry) {
        listLine(w, "LIST", entry);
    }

    public static void lsub(ImapResponseWriter w, ListResponse entry) {
        listLine(w, "LSUB", entry);
    }

    private static void listLine(ImapResponseWriter w, String verb, ListResponse e) {
        w.untagged().atom(verb).sp().openParen();
        boolean first = true;
        for (MailboxAttribute a : e.attributes()) {
            (first ? w : w.sp()).atom(a.wireName());
            first = false;
        }
        for (SpecialUse s : e.specialUse()) {
            (first ? w : w.sp()).atom(s.attribute());
            first = false;
        }
        w.closeParen().sp();
        separator(w, e.separator()).sp().mailbox(e.name());
        if (!e.extended().isEmpty()) {
            w.sp().openParen();
            for (int i = 0; i < e.extended().size(); i++) {
                e.extended().get(i).write(i == 0 ? w : w.sp());
            }
            w.closeParen();
        }
        w.crlf();
    }

    private static ImapResponseWriter separator(ImapResponseWriter w, char separator) {
        return separator == ListResponse.NO_SEPARATOR ? w.nil() : w.quoted(String.valueOf(separator));
    }

    /** {@code * STATUS name (ITEM n …)} in the map's iteration order (the order asked for). */
    public static void status(ImapResponseWriter w, MailboxName name, Map<StatusItem, Long> items) {
        w.untagged().atom("STATUS").sp().mailbox(name).sp().openParen();
        boolean first = true;
        for (Map.Entry<StatusItem, Long> item : items.entrySet()) {
            (first ? w : w.sp()).atom(item.getKey().name()).sp().number(item.getValue());
            first = false;
        }
        w.closeParen().crlf();
    }

    /**
     * {@code * SEARCH n …}, with RFC 7162's {@code (MODSEQ m)} when {@code modSeq > 0}.
     * Numbers stay in the order given: SORT-less SEARCH has no order to compress away.
     */
    public static void search(ImapResponseWriter w, long[] numbers, long modSeq) {
        w.untagged().atom("SEARCH");
        for (long n : numbers) {
            w.sp().number(n);
        }
        if (modSeq > 0 && numbers.length > 0) {
            w.sp().atom("(MODSEQ").sp().number(modSeq).closeParen();
        }
        w.crlf();
    }

    /** RFC 5256 {@code * SORT n …} in sort order, with RFC 7162's {@code (MODSEQ m)} when {@code modSeq > 0}. */
    public static void sort(ImapResponseWriter w, long[] numbers, long modSeq) {
        w.untagged().atom("SORT");
        for (long n : numbers) {
            w.sp().number(n);
        }
        if (modSeq > 0 && numbers.length > 0) {
            w.sp().atom("(MODSEQ").sp().number(modSeq).closeParen();
        }
        w.crlf();
    }

    /** RFC 4731 {@code * ESEARCH (TAG "t") UID MIN a MAX b ALL set COUNT n MODSEQ m}. */
    public static void esearch(ImapResponseWriter w, EsearchResult r) {
        w.untagged().atom("ESEARCH");
        if (r.tag() != null) {
            w.sp().atom("(TAG").sp().string(r.tag()).closeParen();
        }
        if (r.uid()) {
            w.sp().atom("UID");
        }
        if (r.min().isPresent()) {
            w.sp().atom("MIN").sp().number(r.min().getAsLong());
        }
        if (r.max().isPresent()) {
            w.sp().atom("MAX").sp().number(r.max().getAsLong());
        }
        if (r.all() != null) {
            w.sp().atom("ALL").sp().numberSet(r.all());
        }
        if (r.count().isPresent()) {
            w.sp().atom("COUNT").sp().number(r.count().getAsLong());
        }
        if (r.partialRange() != null) {
            w.sp().atom("PARTIAL").sp().openParen().atom(r.partialRange()).sp();
            if (r.partial() == null) {
                w.nil();
            } else {
                w.numberSet(r.partial());
            }
            w.closeParen();
        }
        if (r.modSeq().isPresent()) {
            w.sp().atom("MODSEQ").sp().number(r.modSeq().getAsLong());
        }
        w.crlf();
    }

    /** One RFC 5267 {@code ADDTO} or {@code REMOVEFROM} pair: a context position and numbers. */
    public record ContextChange(long position, NumberSet numbers) {
    }

    /**
     * RFC 5267 section 4.3 {@code * ESEARCH (TAG "t") [UID] REMOVEFROM (p set …) ADDTO (p set …)};
     * either list may be empty and is then left out. The client applies them in this order.
     */
    public static void esearchUpdate(ImapResponseWriter w, String tag, boolean uid, List<ContextChange> removed,
                                     List<ContextChange> added) {
        w.untagged().atom("ESEARCH").sp().atom("(TAG").sp().string(tag).closeParen();
        if (uid) {
            w.sp().atom("UID");
        }
        contextChanges(w, "REMOVEFROM", removed);
        contextChanges(w, "ADDTO", added);
        w.crlf();
    }

    private static void contextChanges(ImapResponseWriter w, String what, List<ContextChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        w.sp().atom(what).sp().openParen();
        for (int i = 0; i < changes.size(); i++) {
            (i == 0 ? w : w.sp()).number(changes.get(i).position()).sp().numberSet(changes.get(i).numbers());
        }
        w.closeParen();
    }

    /** RFC 2971 {@code * ID ("name" "Loft" …)} or {@code * ID NIL}; values may be null (NIL). */
    public static void id(ImapResponseWriter w, Map<String, String> fields) {
        w.untagged().atom("ID").sp();
        if (fields == null || fields.isEmpty()) {
            w.nil().crlf();
            return;
        }
        w.openParen();
        boolean first = true;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            (first ? w : w.sp()).string(f.getKey()).sp().nstring(f.getValue());
            first = false;
        }
        w.closeParen().crlf();
    }

    /** RFC 2342 {@code * NAMESPACE personal other shared}; null or empty lists are NIL. */
    public static void namespace(ImapResponseWriter w, List<Namespace> personal, List<Namespace> other,
                                 List<Namespace> shared) {
        w.untagged().atom("NAMESPACE");
        namespaces(w.sp(), personal);
        namespaces(w.sp(), other);
        namespaces(w.sp(), shared);
        w.crlf();
    }

    private static void namespaces(ImapResponseWriter w, List<Namespace> list) {
        if (list == null || list.isEmpty()) {
            w.nil();
            return;
        }
        w.openParen();
        for (Namespace n : list) {
            // Always a string (never an atom): "" must be quoted and clients expect it quoted.
            w.openParen().string(w.utf8() ? n.prefix() : ModifiedUtf7.encode(n.prefix())).sp();
            separator(w, n.separator()).closeParen();
        }
        w.closeParen();
    }
}
