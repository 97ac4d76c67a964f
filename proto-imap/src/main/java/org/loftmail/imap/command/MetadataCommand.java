package org.loftmail.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;
import org.loftmail.imap.parse.ImapCommand;
import org.loftmail.imap.session.ImapSession;
import org.loftmail.imap.wire.ImapResponseWriter;
import org.loftmail.imap.wire.ResponseCode;

/**
 * RFC 5464 GETMETADATA and SETMETADATA on a mailbox or, for the name "", the server. Every user
 * has their own server entries, and /shared entries are as private as /private ones: a
 * mailbox here is never shared with another user.
 */
final class MetadataCommand {
    /** Largest value SETMETADATA stores, in octets. */
    static final int MAX_VALUE_BYTES = 64 * 1024;
    /** Most entries one mailbox (or the server) holds. */
    static final int MAX_ENTRIES = 100;
    /** Values up to this long that need no escaping go out quoted, longer ones as literals. */
    private static final int MAX_QUOTED = 1024;

    boolean handles(ImapSession s, ImapCommand c) {
        if (c instanceof ImapCommand.GetMetadata g) {
            get(s, g);
        } else if (c instanceof ImapCommand.SetMetadata m) {
            set(s, m);
        } else {
            return false;
        }
        return true;
    }

    /**
     * The named mailbox, or null for the server (""). When the mailbox does not exist the
     * command has been answered NO and {@code answered[0]} is set.
     */
    private static MailboxInfo target(ImapSession s, String tag, String raw, boolean[] answered) {
        if (raw.isEmpty()) {
            return null;
        }
        MailboxInfo m = MailboxCommands.existing(s, tag, raw, false);
        answered[0] = m == null;
        return m;
    }

    private void get(ImapSession s, ImapCommand.GetMetadata c) {
        boolean[] answered = {false};
        MailboxInfo box = target(s, c.tag(), c.mailbox(), answered);
        if (answered[0]) {
            return;
        }
        SortedMap<String, byte[]> all = s.store().metadata(box == null ? null : box.guid());
        Map<String, byte[]> out = new LinkedHashMap<>();
        long longest = -1;
        for (String entry : c.entries()) {
            boolean found = false;
            byte[] own = all.get(entry);
            if (own != null) {
                found = true;
                longest = add(out, entry, own, c.maxSize(), longest);
            }
            if (c.depth() > 0) {
                String prefix = entry + "/";
                for (Map.Entry<String, byte[]> e : all.tailMap(prefix).entrySet()) {
                    if (!e.getKey().startsWith(prefix)) {
                        break;
                    }
                    if (c.depth() == 1 && e.getKey().indexOf('/', prefix.length()) >= 0) {
                        continue; // a grandchild
                    }
                    found = true;
                    longest = add(out, e.getKey(), e.getValue(), c.maxSize(), longest);
                }
            }
            if (!found) {
                out.putIfAbsent(entry, null); // asked for and not there: NIL
            }
        }
        if (!out.isEmpty()) {
            ImapResponseWriter w = s.writer();
            w.untagged().atom("METADATA").sp();
            if (box == null) {
                w.quoted("");
            } else {
                w.mailbox(box.name());
            }
            w.sp().openParen();
            boolean first = true;
            for (Map.Entry<String, byte[]> e : out.entrySet()) {
                if (!first) {
                    w.sp();
                }
                first = false;
                w.astring(e.getKey()).sp();
                value(w, e.getValue());
            }
            w.closeParen().crlf();
        }
        s.ok(c.tag(), longest >= 0 ? ResponseCode.Metadata.longEntries(longest) : null, "Getmetadata completed.");
    }

    /** Adds an entry unless MAXSIZE leaves it out; returns the longest value left out so far. */
    private static long add(Map<String, byte[]> out, String name, byte[] value, long maxSize, long longest) {
        if (maxSize >= 0 && value.length > maxSize) {
            return Math.max(longest, value.length);
        }
        out.putIfAbsent(name, value);
        return longest;
    }

    /** NIL, a quoted string for short plain text, a literal8 for values with NUL, else a literal. */
    private static void value(ImapResponseWriter w, byte[] v) {
        if (v == null) {
            w.nil();
            return;
        }
        boolean plain = v.length <= MAX_QUOTED;
        for (byte b : v) {
            if (b == 0) {
                w.literal8(v);
                return;
            }
            plain &= b >= 0x20 && b < 0x7f;
        }
        if (plain) {
            w.quoted(new String(v, StandardCharsets.US_ASCII));
        } else {
            w.literal(v);
        }
    }

    private void set(ImapSession s, ImapCommand.SetMetadata c) {
        long largest = c.oversized();
        for (byte[] v : c.entries().values()) {
            largest = Math.max(largest, v == null ? 0 : v.length);
        }
        boolean[] answered = {false};
        MailboxInfo box = target(s, c.tag(), c.mailbox(), answered);
        if (answered[0]) {
            return;
        }
        if (largest > MAX_VALUE_BYTES) {
            s.no(c.tag(), ResponseCode.Metadata.maxSize(MAX_VALUE_BYTES), "Metadata entry value too large.");
            return;
        }
        MailboxGuid guid = box == null ? null : box.guid();
        try {
            s.store().setMetadata(guid, c.entries(), MAX_ENTRIES);
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.LIMIT) {
                throw e;
            }
            s.no(c.tag(), ResponseCode.Metadata.TOOMANY, "Too many metadata entries.");
            return;
        }
        s.ok(c.tag(), null, "Setmetadata completed.");
    }
}
