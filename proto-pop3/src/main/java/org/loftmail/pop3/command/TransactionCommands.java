package org.loftmail.pop3.command;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.loftmail.core.model.MessageContent;
import org.loftmail.core.store.StorageException;
import org.loftmail.pop3.parse.Pop3Command;
import org.loftmail.pop3.session.Maildrop;
import org.loftmail.pop3.session.Pop3Session;
import org.loftmail.pop3.wire.DotStuffedStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TRANSACTION state (RFC 1939 section 5) over the session's {@link Maildrop}: STAT, LIST,
 * UIDL, RETR, TOP, DELE, RSET, NOOP, and QUIT into UPDATE. Texts are Dovecot's.
 */
final class TransactionCommands {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCommands.class);

    void handle(Pop3Session s, Pop3Command c) {
        Maildrop m = s.maildrop();
        if (c instanceof Pop3Command.Stat) {
            s.ok(m.liveCount() + " " + m.liveSize());
        } else if (c instanceof Pop3Command.List l) {
            if (l.number() == 0) {
                s.ok(m.liveCount() + " messages:");
                for (int n = 1; n <= m.count(); n++) {
                    if (!m.deleted(n)) {
                        s.writer().line(n + " " + m.size(n));
                    }
                }
                s.writer().end();
            } else if (valid(s, l.number())) {
                s.ok(l.number() + " " + m.size(l.number()));
            }
        } else if (c instanceof Pop3Command.Uidl u) {
            if (u.number() == 0) {
                s.ok("");
                for (int n = 1; n <= m.count(); n++) {
                    if (!m.deleted(n)) {
                        s.writer().line(n + " " + m.uidl(n));
                    }
                }
                s.writer().end();
            } else if (valid(s, u.number())) {
                s.ok(u.number() + " " + m.uidl(u.number()));
            }
        } else if (c instanceof Pop3Command.Retr r) {
            if (valid(s, r.number())) {
                send(s, r.number(), DotStuffedStream.ALL);
            }
        } else if (c instanceof Pop3Command.Top t) {
            if (valid(s, t.number())) {
                send(s, t.number(), t.lines());
            }
        } else if (c instanceof Pop3Command.Dele d) {
            if (valid(s, d.number())) {
                m.delete(d.number());
                s.ok("Marked to be deleted.");
            }
        } else if (c instanceof Pop3Command.Rset) {
            m.reset();
            s.ok("");
        } else if (c instanceof Pop3Command.Noop) {
            s.ok("");
        } else if (c instanceof Pop3Command.Quit) {
            s.quit();
        } else {
            s.bad("Unknown command: " + name(c));
        }
    }

    /** Dovecot's checks and texts for a message number. */
    private static boolean valid(Pop3Session s, int n) {
        Maildrop m = s.maildrop();
        if (!m.exists(n)) {
            s.bad("There's no message " + n + ".");
            return false;
        }
        if (m.deleted(n)) {
            s.bad("Message is deleted.");
            return false;
        }
        return true;
    }

    /**
     * RETR ({@code lines} {@link DotStuffedStream#ALL}) or TOP: the message converted, then {@code .}.
     * A message already in one buffer (most are) is converted line by line ({@link DotStuffer}),
     * others are streamed.
     */
    private static void send(Pop3Session s, int n, long lines) {
        Maildrop m = s.maildrop();
        MessageContent content;
        try {
            content = s.store().content(m.inbox().guid(), m.message(n).uid());
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.NOT_FOUND) {
                throw e;
            }
            // Expunged by another session (IMAP) since login: the number stays, the message is gone.
            s.err(null, "Message " + n + " expunged.");
            return;
        }
        boolean retr = lines == DotStuffedStream.ALL;
        s.ok(retr ? m.size(n) + " octets" : "");
        long sent;
        try {
            ByteBuffer whole = content.buffer();
            sent = whole != null ? s.stuff(whole, lines) : s.stream(new DotStuffedStream(content.openStream(), lines));
        } catch (UncheckedIOException | StorageException e) {
            // Part of the message may be on the wire already: the only safe answer is to hang up.
            LOG.error("pop3({}): reading message {} (UID {}) failed", s.userName(), n, m.message(n).uid(), e);
            s.disconnect("Disconnected: Internal error reading a message");
            return;
        }
        s.writer().end();
        if (retr) {
            m.retrieved(n, sent);
        } else {
            m.topped(sent);
        }
    }

    private static String name(Pop3Command c) {
        if (c instanceof Pop3Command.Unknown u) {
            return u.name();
        }
        return c.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }
}
