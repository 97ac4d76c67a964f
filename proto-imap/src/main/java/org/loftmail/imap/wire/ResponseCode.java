package org.loftmail.imap.wire;

import java.util.List;
import org.loftmail.core.model.Flags;

/**
 * The bracketed code of a status response ({@code OK [UIDNEXT 5] …}). Codes without
 * arguments are {@link Simple}; the rest are records so a handler cannot forget an argument.
 * {@link #write} writes what goes between the brackets.
 */
public sealed interface ResponseCode {

    void write(ImapResponseWriter w);

    /** Codes that are a bare atom: RFC 3501, 4315, 5530, 7162, 7889, 9051, 3516. */
    enum Simple implements ResponseCode {
        ALERT("ALERT"), PARSE("PARSE"), READ_ONLY("READ-ONLY"), READ_WRITE("READ-WRITE"),
        TRYCREATE("TRYCREATE"), UIDNOTSTICKY("UIDNOTSTICKY"), NOMODSEQ("NOMODSEQ"), CLOSED("CLOSED"),
        UNAVAILABLE("UNAVAILABLE"), AUTHENTICATIONFAILED("AUTHENTICATIONFAILED"),
        AUTHORIZATIONFAILED("AUTHORIZATIONFAILED"), EXPIRED("EXPIRED"), PRIVACYREQUIRED("PRIVACYREQUIRED"),
        CONTACTADMIN("CONTACTADMIN"), NOPERM("NOPERM"), INUSE("INUSE"), EXPUNGEISSUED("EXPUNGEISSUED"),
        CORRUPTION("CORRUPTION"), SERVERBUG("SERVERBUG"), CLIENTBUG("CLIENTBUG"), CANNOT("CANNOT"),
        LIMIT("LIMIT"), OVERQUOTA("OVERQUOTA"), ALREADYEXISTS("ALREADYEXISTS"), NONEXISTENT("NONEXISTENT"),
        TOOBIG("TOOBIG"), HASCHILDREN("HASCHILDREN"), UNKNOWN_CTE("UNKNOWN-CTE"),
        COMPRESSIONACTIVE("COMPRESSIONACTIVE");

        private final String atom;

        Simple(String atom) {
            this.atom = atom;
        }

        @Override
        public void write(ImapResponseWriter w) {
            w.atom(atom);
        }
    }

    /**
     * RFC 5464 {@code METADATA LONGENTRIES n} (GETMETADATA left out values longer than MAXSIZE,
     * the longest being n), {@code METADATA MAXSIZE n} (SETMETADATA: values may be at most n
     * octets) and {@code METADATA TOOMANY}.
     */
    record Metadata(String what, long n) implements ResponseCode {
        public static final Metadata TOOMANY = new Metadata("TOOMANY", -1);

        public static Metadata longEntries(long n) {
            return new Metadata("LONGENTRIES", n);
        }

        public static Metadata maxSize(long n) {
            return new Metadata("MAXSIZE", n);
        }

        @Override
        public void write(ImapResponseWriter w) {
            w.atom("METADATA").sp().atom(what);
            if (n >= 0) {
                w.sp().number(n);
            }
        }
    }

    /** RFC 5465 {@code BADEVENT (…)}: the NOTIFY events this server supports. */
    record BadEvent(List<String> supported) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("BADEVENT").sp().openParen();
            for (int i = 0; i < supported.size(); i++) {
                (i == 0 ? w : w.sp()).atom(supported.get(i));
            }
            w.closeParen();
        }
    }

    /** RFC 5267 {@code NOUPDATE "tag"}: that search's result will not be kept up to date. */
    record NoUpdate(String tag) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("NOUPDATE").sp().quoted(tag);
        }
    }

    /** {@code BADCHARSET} with the charsets SEARCH supports, or bare when the list is empty. */
    record BadCharset(List<String> charsets) implements ResponseCode {
        public BadCharset {
            charsets = List.copyOf(charsets);
        }

        @Override
        public void write(ImapResponseWriter w) {
            w.atom("BADCHARSET");
            if (!charsets.isEmpty()) {
                w.sp().openParen();
                for (int i = 0; i < charsets.size(); i++) {
                    (i == 0 ? w : w.sp()).astring(charsets.get(i));
                }
                w.closeParen();
            }
        }
    }

    record Capabilities(CapabilityList capabilities) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            UntaggedResponses.capabilityData(w, capabilities);
        }
    }

    /** {@code PERMANENTFLAGS (…)}; {@code \*} when clients may create keywords. */
    record PermanentFlags(Flags flags, boolean newKeywordsAllowed) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("PERMANENTFLAGS").sp().flagList(flags, false, newKeywordsAllowed);
        }
    }

    record UidNext(long uid) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("UIDNEXT").sp().number(uid);
        }
    }

    record UidValidity(long uidValidity) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("UIDVALIDITY").sp().number(uidValidity);
        }
    }

    /** Sequence number of the first unseen message (IMAP4rev1 only). */
    record Unseen(long seq) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("UNSEEN").sp().number(seq);
        }
    }

    record HighestModSeq(long modSeq) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("HIGHESTMODSEQ").sp().number(modSeq);
        }
    }

    /** RFC 4315: {@code APPENDUID uidvalidity uid-set} (a set for MULTIAPPEND). */
    record AppendUid(long uidValidity, NumberSet uids) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("APPENDUID").sp().number(uidValidity).sp().numberSet(uids);
        }
    }

    /** RFC 4315: source and destination sets pair up in order. */
    record CopyUid(long uidValidity, NumberSet source, NumberSet destination) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("COPYUID").sp().number(uidValidity).sp().numberSet(source).sp().numberSet(destination);
        }
    }

    /** RFC 7162: messages a conditional STORE did not change. */
    record Modified(NumberSet set) implements ResponseCode {
        @Override
        public void write(ImapResponseWriter w) {
            w.atom("MODIFIED").sp().numberSet(set);
        }
    }
}
