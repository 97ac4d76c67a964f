package org.loftmail.imap.command;

import java.util.regex.Pattern;
import org.loftmail.core.model.MailboxName;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.wire.InvalidUtf7Exception;
import org.loftmail.imap.wire.ModifiedUtf7;

/**
 * Mailbox names as clients send them (modified UTF-7, or UTF-8 once IMAP4rev2 or UTF8=ACCEPT
 * is on) and LIST patterns. Every name goes through {@link MailboxName}'s validation, which
 * refuses {@code ..}, empty components, absolute paths and wildcards: a name can never reach
 * outside the user's own mailboxes.
 */
final class MailboxNames {
    private MailboxNames() {
    }

    /** The name, or null when it is not a valid mailbox name (the caller answers NO). */
    static MailboxName decode(ImapSession session, String raw) {
        String unicode = unicode(session, raw);
        if (unicode == null) {
            return null;
        }
        try {
            return MailboxName.of(unicode);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The Unicode text of a name or pattern, or null if it is not valid in the session's mode. */
    static String unicode(ImapSession session, String raw) {
        if (session.utf8()) {
            // RFC 9051 section 5.1: UTF-8 names are sent as they are; a client may still send
            // modified UTF-7 that happens to be valid, but treating '&' literally is what RFC 6855 asks.
            return raw;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return null;
            }
        }
        try {
            return ModifiedUtf7.decode(raw);
        } catch (InvalidUtf7Exception e) {
            return null;
        }
    }

    /**
     * A LIST pattern joined to its reference, as a regex: {@code *} matches anything, {@code %}
     * anything but the separator; INBOX is matched case-insensitively.
     */
    static Pattern pattern(String reference, String pattern) {
        // Joined as Dovecot does: the reference is a prefix, the client supplies any separator.
        String full = reference + pattern;
        if (full.regionMatches(true, 0, "INBOX", 0, 5)
                && (full.length() == 5 || full.charAt(5) == MailboxName.SEPARATOR)) {
            full = "INBOX" + full.substring(5);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '*' || c == '%') {
                re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                re.append(c == '*' ? ".*" : "[^" + Pattern.quote(String.valueOf(MailboxName.SEPARATOR)) + "]*");
            } else {
                literal.append(c);
            }
        }
        re.append(Pattern.quote(literal.toString()));
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
