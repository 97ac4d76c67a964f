package org.loftmail.imap.parse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loftmail.imap.codec.ImapLiteral;

/**
 * RFC 5464 GETMETADATA and SETMETADATA. Entry names are case-insensitive (section 3.2), so they
 * come out lower-cased; a malformed name is a syntax error (BAD), as in Dovecot.
 */
final class MetadataCommandParser {
    /** Longest entry name, in UTF-8 bytes. */
    static final int MAX_ENTRY_BYTES = 255;

    private final ImapReader r;
    private final String tag;

    MetadataCommandParser(ImapReader r, String tag) {
        this.r = r;
        this.tag = tag;
    }

    /** GETMETADATA [SP "(" option *(SP option) ")"] SP mailbox SP (entry / "(" entry *(SP entry) ")"). */
    ImapCommand getMetadata() {
        long maxSize = -1;
        int depth = 0;
        if (r.peekIs('(')) {
            r.skip();
            do {
                String option = r.keyword("GETMETADATA option");
                r.sp();
                switch (option) {
                    case "MAXSIZE" -> maxSize = r.number32("MAXSIZE");
                    case "DEPTH" -> {
                        String d = r.keyword("DEPTH");
                        depth = switch (d) {
                            case "0" -> 0;
                            case "1" -> 1;
                            case "INFINITY" -> ImapCommand.GetMetadata.INFINITY;
                            default -> throw new ParseException("DEPTH must be 0, 1 or infinity");
                        };
                    }
                    default -> throw new ParseException("Unknown GETMETADATA option " + option);
                }
            } while (r.trySp());
            r.expect(')', "\")\" after GETMETADATA options");
            r.sp();
        }
        String mailbox = r.astring("mailbox name");
        r.sp();
        List<String> entries = new ArrayList<>();
        if (r.peekIs('(')) {
            r.skip();
            do {
                entries.add(entry(false));
            } while (r.trySp());
            r.expect(')', "\")\" after entries");
        } else {
            entries.add(entry(false));
        }
        r.end();
        return new ImapCommand.GetMetadata(tag, mailbox, maxSize, depth, List.copyOf(entries));
    }

    /** SETMETADATA SP mailbox SP "(" entry SP value *(SP entry SP value) ")"; value = nstring / literal8. */
    ImapCommand setMetadata() {
        String mailbox = r.astring("mailbox name");
        r.sp();
        r.expect('(', "\"(\" before entries");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long oversized = 0;
        do {
            String name = entry(true);
            r.sp();
            if (r.peekIs('(')) {
                throw new ParseException("Entry value can't be a list");
            }
            if (r.isLiteralStart()) {
                ImapLiteral l = r.literal();
                if (l instanceof ImapLiteral.InMemory m) {
                    ByteBuf b = m.content();
                    entries.put(name, ByteBufUtil.getBytes(b, b.readerIndex(), b.readableBytes()));
                } else {
                    oversized = Math.max(oversized, l.size()); // streamed past the heap: far over any limit
                    entries.put(name, new byte[0]);
                }
            } else {
                String v = r.nstring("entry value");
                entries.put(name, v == null ? null : v.getBytes(StandardCharsets.UTF_8));
            }
        } while (r.trySp());
        r.expect(')', "\")\" after entries");
        r.end();
        return new ImapCommand.SetMetadata(tag, mailbox, entries, oversized);
    }

    /**
     * An entry name, lower-cased: {@code /private} or {@code /shared} and, to set a value, at
     * least one more component; no {@code *}, {@code %}, {@code //}, trailing {@code /} or
     * control characters.
     */
    private String entry(boolean forValue) {
        String name = r.astring("entry name").toLowerCase(Locale.ROOT);
        boolean top = name.equals("/private") || name.equals("/shared");
        if (!(name.startsWith("/private/") || name.startsWith("/shared/") || (top && !forValue))) {
            throw new ParseException("Entry name must begin with /private/ or /shared/: " + name);
        }
        if (name.endsWith("/") || name.contains("//")) {
            throw new ParseException("Entry name has an empty component: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '%' || c < 0x20 || c == 0x7f) {
                throw new ParseException("Invalid character in entry name");
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_ENTRY_BYTES) {
            throw new ParseException("Entry name longer than " + MAX_ENTRY_BYTES + " bytes");
        }
        return name;
    }
}
