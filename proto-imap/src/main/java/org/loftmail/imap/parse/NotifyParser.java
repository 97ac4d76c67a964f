package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RFC 5465 NOTIFY NONE / NOTIFY SET [STATUS] event-group *(SP event-group), with the RFC's
 * syntax rules as BAD: only message events (and MessageNew's fetch-att list) with the selected
 * filters, at most one selected filter, MessageNew and MessageExpunge together, FlagChange and
 * AnnotationChange only with both. Event names are kept as the RFC spells them; an unknown one
 * is for the handler to refuse with BADEVENT.
 */
final class NotifyParser {
    static final List<String> MESSAGE_EVENTS = List.of("MessageNew", "MessageExpunge", "FlagChange", "AnnotationChange");
    static final List<String> OTHER_EVENTS = List.of("MailboxName", "SubscriptionChange", "MailboxMetadataChange",
            "ServerMetadataChange");

    private final ImapReader r;
    private final String tag;
    private final MailboxCommandParser mailboxes;

    NotifyParser(ImapReader r, String tag, MailboxCommandParser mailboxes) {
        this.r = r;
        this.tag = tag;
        this.mailboxes = mailboxes;
    }

    ImapCommand parse() {
        String verb = r.keyword("NOTIFY NONE or SET");
        if (verb.equals("NONE")) {
            r.end();
            return new ImapCommand.Notify(tag, false, null);
        }
        if (!verb.equals("SET")) {
            throw new ParseException("NOTIFY takes NONE or SET");
        }
        r.sp();
        boolean status = false;
        if (r.lookingAtWord("STATUS")) {
            r.atom("STATUS");
            r.sp();
            status = true;
        }
        List<ImapCommand.NotifyGroup> groups = new ArrayList<>();
        boolean selectedSeen = false;
        do {
            ImapCommand.NotifyGroup g = group();
            if (g.selected()) {
                if (selectedSeen) {
                    throw new ParseException("Only one of selected and selected-delayed may be given");
                }
                selectedSeen = true;
            }
            groups.add(g);
        } while (r.trySp());
        r.end();
        return new ImapCommand.Notify(tag, status, List.copyOf(groups));
    }

    /** "(" filter-mailboxes SP events ")". */
    private ImapCommand.NotifyGroup group() {
        r.expect('(', "\"(\" before an event group");
        String filter = r.atom("mailbox filter").toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        switch (filter) {
            case "selected", "selected-delayed", "inboxes", "personal", "subscribed" -> { }
            case "subtree", "mailboxes" -> {
                r.sp();
                if (r.peekIs('(')) {
                    r.skip();
                    do {
                        names.add(mailboxes.mailbox());
                    } while (r.trySp());
                    r.expect(')', "\")\" after the mailboxes");
                } else {
                    names.add(mailboxes.mailbox());
                }
            }
            default -> throw new ParseException("Unknown mailbox filter " + filter);
        }
        boolean selected = filter.startsWith("selected");
        r.sp();
        Set<String> events = new LinkedHashSet<>();
        List<FetchAttribute> fetch = List.of();
        if (r.lookingAtWord("NONE")) {
            r.atom("NONE");
        } else {
            r.expect('(', "\"(\" before events or NONE");
            do {
                String atom = r.atom("event");
                String event = canonical(atom);
                if (event.equals("MessageNew") && r.peekIs(' ') && lookingAtParenAfterSpace()) {
                    if (!selected) {
                        throw new ParseException("MessageNew fetch attributes are for the selected mailbox only");
                    }
                    r.sp();
                    fetch = List.copyOf(new FetchAttributeParser(r).attributes());
                }
                if (selected && OTHER_EVENTS.contains(event)) {
                    throw new ParseException(event + " cannot be asked for the selected mailbox");
                }
                events.add(event);
            } while (r.trySp());
            r.expect(')', "\")\" after events");
        }
        r.expect(')', "\")\" after an event group");
        boolean news = events.contains("MessageNew");
        boolean gone = events.contains("MessageExpunge");
        if (news != gone) {
            throw new ParseException("MessageNew and MessageExpunge must be given together");
        }
        if ((events.contains("FlagChange") || events.contains("AnnotationChange")) && !news) {
            throw new ParseException("FlagChange and AnnotationChange need MessageNew and MessageExpunge");
        }
        return new ImapCommand.NotifyGroup(filter, List.copyOf(names), Set.copyOf(events), fetch);
    }

    private boolean lookingAtParenAfterSpace() {
        return r.lookingAt(" (");
    }

    /** The RFC's spelling of a known event (names are case-insensitive), else the atom as sent. */
    private static String canonical(String atom) {
        for (String e : MESSAGE_EVENTS) {
            if (e.equalsIgnoreCase(atom)) {
                return e;
            }
        }
        for (String e : OTHER_EVENTS) {
            if (e.equalsIgnoreCase(atom)) {
                return e;
            }
        }
        return atom;
    }
}
