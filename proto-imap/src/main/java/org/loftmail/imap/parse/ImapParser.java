package org.loftmail.imap.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.imap.codec.ImapFrame;

/**
 * Parses one framed command into an {@link ImapCommand} or a {@link ParseError}. Stateless and
 * thread-safe. The literals a command holds (APPEND) still belong to the frame.
 */
public final class ImapParser {
    private static final int MAX_TAG = 128;

    private ImapParser() {
    }

    public static ParseResult parse(ImapFrame.Command frame) {
        ImapReader r = new ImapReader(frame);
        String tag = tag(r);
        if (tag == null) {
            return new ParseError(null, r.atEnd() ? "Empty command" : "Invalid tag");
        }
        try {
            if (!r.peekIs(' ')) {
                throw new ParseException(r.atEnd() ? "Missing command" : "Invalid tag");
            }
            r.sp();
            return command(r, tag);
        } catch (ParseException e) {
            return new ParseError(tag, e.getMessage());
        } catch (RuntimeException e) {
            // A grammar bug must cost one BAD, never the connection.
            return new ParseError(tag, "Internal error parsing command");
        }
    }

    private static String tag(ImapReader r) {
        try {
            String tag = r.run("tag", c -> ImapReader.isAstringChar(c) && c != '+');
            return tag.length() > MAX_TAG ? null : tag;
        } catch (ParseException e) {
            return null;
        }
    }

    private static ParseResult command(ImapReader r, String tag) {
        String name = r.keyword("command");
        switch (name) {
            case "CAPABILITY": r.end(); return new ImapCommand.Capability(tag);
            case "NOOP": r.end(); return new ImapCommand.Noop(tag);
            case "LOGOUT": r.end(); return new ImapCommand.Logout(tag);
            case "STARTTLS": r.end(); return new ImapCommand.StartTls(tag);
            case "NAMESPACE": r.end(); return new ImapCommand.Namespace(tag);
            case "CHECK": r.end(); return new ImapCommand.Check(tag);
            case "CLOSE": r.end(); return new ImapCommand.Close(tag);
            case "UNSELECT": r.end(); return new ImapCommand.Unselect(tag);
            case "EXPUNGE": r.end(); return new ImapCommand.Expunge(tag, null);
            case "IDLE": r.end(); return new ImapCommand.Idle(tag);
            case "COMPRESS": {
                r.sp();
                String mechanism = r.keyword("compression mechanism");
                r.end();
                return new ImapCommand.Compress(tag, mechanism);
            }
            case "AUTHENTICATE": return authenticate(r, tag);
            case "LOGIN": return login(r, tag);
            case "ENABLE": return enable(r, tag);
            case "ID": return id(r, tag);
            case "UID": return uid(r, tag);
            case "FETCH": case "SEARCH": case "STORE": case "COPY": case "MOVE": case "SORT": case "THREAD":
                return MessageCommandParser.parse(r, tag, name, false);
            default: break;
        }
        MailboxCommandParser m = new MailboxCommandParser(r, tag);
        switch (name) {
            case "SELECT": r.sp(); return m.select(false);
            case "EXAMINE": r.sp(); return m.select(true);
            case "CREATE": r.sp(); return m.create();
            case "LIST": r.sp(); return m.list();
            case "LSUB": r.sp(); return m.lsub();
            case "STATUS": r.sp(); return m.status();
            case "APPEND": r.sp(); return m.append();
            case "DELETE": return new ImapCommand.Delete(tag, onlyMailbox(r, m));
            case "SUBSCRIBE": return new ImapCommand.Subscribe(tag, onlyMailbox(r, m));
            case "GETMETADATA": r.sp(); return new MetadataCommandParser(r, tag).getMetadata();
            case "CANCELUPDATE": return cancelUpdate(r, tag);
            case "NOTIFY": r.sp(); return new NotifyParser(r, tag, m).parse();
            case "SETMETADATA": r.sp(); return new MetadataCommandParser(r, tag).setMetadata();
            case "UNSUBSCRIBE": return new ImapCommand.Unsubscribe(tag, onlyMailbox(r, m));
            case "RENAME": {
                r.sp();
                String from = m.mailbox();
                r.sp();
                String to = m.mailbox();
                r.end();
                return new ImapCommand.Rename(tag, from, to);
            }
            default: throw new ParseException("Unknown command " + name);
        }
    }

    /** CANCELUPDATE 1*(SP quoted) (RFC 5267 section 4.3.1); literals are strings too. */
    private static ImapCommand cancelUpdate(ImapReader r, String tag) {
        List<String> tags = new ArrayList<>();
        do {
            r.sp();
            tags.add(r.string("tag"));
        } while (!r.atEnd());
        return new ImapCommand.CancelUpdate(tag, List.copyOf(tags));
    }

    private static String onlyMailbox(ImapReader r, MailboxCommandParser m) {
        r.sp();
        String mailbox = m.mailbox();
        r.end();
        return mailbox;
    }

    private static ParseResult uid(ImapReader r, String tag) {
        r.sp();
        String sub = r.keyword("UID command");
        switch (sub) {
            case "FETCH": case "SEARCH": case "STORE": case "COPY": case "MOVE": case "SORT": case "THREAD":
                return MessageCommandParser.parse(r, tag, sub, true);
            case "EXPUNGE": {
                r.sp();
                SequenceSet set = r.sequenceSet();
                r.end();
                return new ImapCommand.Expunge(tag, set);
            }
            default: throw new ParseException("Unknown UID command " + sub);
        }
    }

    /** AUTHENTICATE mechanism [SP (base64 / "=")] (RFC 4959 SASL-IR). */
    private static ParseResult authenticate(ImapReader r, String tag) {
        r.sp();
        String mechanism = r.keyword("SASL mechanism");
        String initial = null;
        if (r.trySp()) {
            initial = r.run("initial response", c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=');
            if (initial.equals("=")) {
                initial = "";
            }
        }
        r.end();
        return new ImapCommand.Authenticate(tag, mechanism, initial);
    }

    private static ParseResult login(ImapReader r, String tag) {
        r.sp();
        String user = r.astring("user name");
        r.sp();
        String password = r.astring("password");
        r.end();
        return new ImapCommand.Login(tag, user, password);
    }

    /** ENABLE 1*(SP capability). */
    private static ParseResult enable(ImapReader r, String tag) {
        List<String> caps = new ArrayList<>();
        r.sp();
        caps.add(r.keyword("capability"));
        while (r.trySp()) {
            caps.add(r.keyword("capability"));
        }
        r.end();
        return new ImapCommand.Enable(tag, List.copyOf(caps));
    }

    /** ID ("(" string SP nstring *(SP string SP nstring) ")" / nil) (RFC 2971). */
    private static ParseResult id(ImapReader r, String tag) {
        r.sp();
        if (!r.peekIs('(')) {
            if (r.nstring("ID parameters") != null) {
                throw new ParseException("Invalid ID parameters");
            }
            r.end();
            return new ImapCommand.Id(tag, null);
        }
        r.skip();
        Map<String, String> params = new LinkedHashMap<>();
        while (!r.peekIs(')')) {
            if (!params.isEmpty()) {
                r.sp();
            }
            String key = r.string("ID field");
            r.sp();
            params.put(key, r.nstring("ID value"));
            if (params.size() > 30) {
                throw new ParseException("Too many ID fields");
            }
        }
        r.skip();
        r.end();
        return new ImapCommand.Id(tag, java.util.Collections.unmodifiableMap(params));
    }
}
