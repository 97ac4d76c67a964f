package org.loftmail.imap.parse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.imap.codec.ImapLiteral;

/** The mailbox-level commands with the richest arguments: SELECT, CREATE, LIST, STATUS, APPEND. */
final class MailboxCommandParser {
    private final ImapReader r;
    private final String tag;

    MailboxCommandParser(ImapReader r, String tag) {
        this.r = r;
        this.tag = tag;
    }

    String mailbox() {
        return r.astring("mailbox name");
    }

    /** SELECT/EXAMINE mailbox [SP "(" select-param *(SP select-param) ")"] (RFC 7162). */
    ImapCommand select(boolean readOnly) {
        String mailbox = mailbox();
        boolean condStore = false;
        ImapCommand.QResync qresync = null;
        if (r.trySp()) {
            r.expect('(', "SELECT parameters");
            do {
                String p = r.keyword("SELECT parameter");
                if (p.equals("CONDSTORE")) {
                    condStore = true;
                } else if (p.equals("QRESYNC")) {
                    r.sp();
                    qresync = qresync();
                } else {
                    throw new ParseException("Unknown SELECT parameter " + p);
                }
            } while (r.trySp());
            r.expect(')', "\")\" after SELECT parameters");
        }
        r.end();
        return new ImapCommand.Select(tag, mailbox, readOnly, condStore, qresync);
    }

    /** "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")". */
    private ImapCommand.QResync qresync() {
        r.expect('(', "QRESYNC parameters");
        long uidValidity = r.nzNumber("UIDVALIDITY");
        r.sp();
        long modSeq = r.number("mod-sequence");
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        if (r.trySp() && !r.peekIs('(')) {
            known = r.sequenceSet();
            r.trySp();
        }
        if (r.peekIs('(')) {
            r.skip();
            seqs = r.sequenceSet();
            r.sp();
            uids = r.sequenceSet();
            r.expect(')', "\")\" after sequence match data");
        }
        r.expect(')', "\")\" after QRESYNC parameters");
        return new ImapCommand.QResync(uidValidity, modSeq, known, seqs, uids);
    }

    /** CREATE mailbox [SP "(" USE (flags) ")"] (RFC 6154). */
    ImapCommand create() {
        String mailbox = mailbox();
        List<String> use = List.of();
        if (r.trySp()) {
            r.expect('(', "CREATE parameters");
            do {
                String p = r.keyword("CREATE parameter");
                if (!p.equals("USE")) {
                    throw new ParseException("Unknown CREATE parameter " + p);
                }
                r.sp();
                use = r.flagList();
            } while (r.trySp());
            r.expect(')', "\")\" after CREATE parameters");
        }
        r.end();
        return new ImapCommand.Create(tag, mailbox, use);
    }

    /** LIST [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts] (RFC 5258). */
    ImapCommand list() {
        Set<String> select = new LinkedHashSet<>();
        boolean extended = false;
        if (r.peekIs('(')) {
            extended = true;
            select = options("selection option");
            r.sp();
        }
        String reference = mailbox();
        r.sp();
        List<String> patterns = new ArrayList<>();
        if (r.peekIs('(')) {
            extended = true;
            r.skip();
            patterns.add(pattern());
            while (!r.peekIs(')')) {
                r.sp();
                patterns.add(pattern());
            }
            r.skip();
        } else {
            patterns.add(pattern());
        }
        Set<String> ret = new LinkedHashSet<>();
        List<StatusItem> status = List.of();
        if (r.trySp()) {
            extended = true;
            if (!r.keyword("RETURN").equals("RETURN")) {
                throw new ParseException("Expected RETURN");
            }
            r.sp();
            r.expect('(', "RETURN options");
            while (!r.peekIs(')')) {
                if (!ret.isEmpty()) {
                    r.sp();
                }
                String opt = r.keyword("RETURN option");
                ret.add(opt);
                if (opt.equals("STATUS")) {
                    r.sp();
                    status = statusItems();
                }
            }
            r.skip();
        }
        r.end();
        return new ImapCommand.ListMailboxes(tag, Set.copyOf(select), reference, List.copyOf(patterns),
            Set.copyOf(ret), status, extended);
    }

    /** LSUB reference SP list-mailbox. */
    ImapCommand lsub() {
        String reference = mailbox();
        r.sp();
        String pattern = pattern();
        r.end();
        return new ImapCommand.Lsub(tag, reference, pattern);
    }

    private Set<String> options(String what) {
        r.expect('(', what + "s");
        Set<String> out = new LinkedHashSet<>();
        while (!r.peekIs(')')) {
            if (!out.isEmpty()) {
                r.sp();
            }
            out.add(r.keyword(what));
        }
        r.skip();
        return out;
    }

    /** list-mailbox = 1*list-char / string; list-char adds "%", "*" and "]" to ATOM-CHAR. */
    private String pattern() {
        if (r.peekIs('"') || r.isLiteralStart()) {
            return r.string("mailbox pattern");
        }
        return r.run("mailbox pattern", c -> ImapReader.isAstringChar(c) || c == '%' || c == '*');
    }

    /** STATUS mailbox SP "(" status-att *(SP status-att) ")". */
    ImapCommand status() {
        String mailbox = mailbox();
        r.sp();
        List<StatusItem> items = statusItems();
        r.end();
        return new ImapCommand.Status(tag, mailbox, items);
    }

    private List<StatusItem> statusItems() {
        r.expect('(', "status items");
        List<StatusItem> items = new ArrayList<>();
        items.add(StatusItem.of(r.atom("status item")));
        while (!r.peekIs(')')) {
            r.sp();
            items.add(StatusItem.of(r.atom("status item")));
        }
        r.skip();
        return List.copyOf(items);
    }

    /** APPEND mailbox 1*(SP [flag-list SP] [date-time SP] (literal / literal8)) (RFC 3502, 3516). */
    ImapCommand append() {
        String mailbox = mailbox();
        List<ImapCommand.AppendMessage> messages = new ArrayList<>();
        do {
            r.sp();
            List<String> flags = List.of();
            OffsetDateTime date = null;
            if (r.peekIs('(')) {
                flags = List.copyOf(r.flagList());
                r.sp();
            }
            if (r.peekIs('"')) {
                date = ImapDates.dateTime(r);
                r.sp();
            }
            if (!r.isLiteralStart()) {
                throw new ParseException(r.atEnd() ? "Missing message literal" : "Expected message literal");
            }
            ImapLiteral content = r.literal();
            messages.add(new ImapCommand.AppendMessage(flags, date, content));
        } while (!r.atEnd());
        return new ImapCommand.Append(tag, mailbox, List.copyOf(messages));
    }
}
