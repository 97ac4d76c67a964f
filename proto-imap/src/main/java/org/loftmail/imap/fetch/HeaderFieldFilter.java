package org.loftmail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.loftmail.core.mime.TransformingInputStream;

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 section 6.4.5): the fields of a header whose
 * names are (or are not) in a list, compared case-insensitively, each with its continuation
 * lines, in their original order, then the blank line that ends the header. A header without
 * that blank line (a message with no body) is sent without it, as the RFC says. A line with no
 * colon is a field named by the whole line, so it survives .NOT; continuation lines before the
 * first field belong to no name.
 *
 * <p>Reads a header that already has CRLF line ends and streams: a hostile megabyte header
 * costs a buffer, not its size.
 */
final class HeaderFieldFilter extends TransformingInputStream {
    /** No real field name comes near this; longer ones match nothing and are not kept whole. */
    private static final int MAX_NAME = 998;
    /** Output produced at a time. */
    private static final int CHUNK = 4096;

    private final Set<String> names;
    private final boolean exclude;
    private final byte[] name = new byte[MAX_NAME];
    private boolean lineStart = true;
    private boolean keep;
    private boolean done;

    /**
     * @param fieldNames as the client sent them
     * @param exclude    true for HEADER.FIELDS.NOT
     */
    HeaderFieldFilter(InputStream header, Collection<String> fieldNames, boolean exclude) {
        super(header, CHUNK + MAX_NAME);
        this.names = new HashSet<>();
        for (String fieldName : fieldNames) {
            names.add(key(fieldName));
        }
        this.exclude = exclude;
        // Continuation lines before any field belong to no name.
        this.keep = exclude;
    }

    /**
     * A field name as octets (UTF-8 for what a client sent, one char per octet) with ASCII
     * letters upper-cased: the form names are compared in and, like Dovecot, echoed in.
     */
    static String key(String name) {
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        return key(octets, octets.length);
    }

    private static String key(byte[] octets, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int c = octets[i] & 0xff;
            chars[i] = (char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
        }
        return new String(chars);
    }

    @Override
    protected boolean produce() throws IOException {
        int emitted = 0;
        while (emitted < CHUNK && !done) {
            if (lineStart) {
                emitted += startLine();
                continue;
            }
            int c = in.next();
            if (c < 0) {
                done = true;
            } else {
                lineStart = c == '\n';
                if (keep) {
                    emit(c);
                    emitted++;
                }
            }
        }
        return emitted > 0;
    }

    /** Decides whether the line that starts here is kept; returns the octets it emitted. */
    private int startLine() throws IOException {
        int c = in.next();
        if (c < 0) {
            done = true;
            return 0;
        }
        if (c == '\r' && in.peek() == '\n') {
            in.next();
            done = true;
            emit('\r');
            emit('\n');
            return 2;
        }
        lineStart = false;
        if (c == ' ' || c == '\t') {
            if (keep) {
                emit(c);
                return 1;
            }
            return 0;
        }
        name[0] = (byte) c;
        int length = 1;
        int nameEnd = c == ':' ? 0 : -1;
        while (nameEnd < 0 && length < MAX_NAME) {
            int p = in.peek();
            if (p < 0 || p == '\r' || p == '\n') {
                nameEnd = length;
            } else {
                name[length++] = (byte) in.next();
                if (p == ':') {
                    nameEnd = length - 1;
                }
            }
        }
        // RFC 822 allowed white space before the colon.
        while (nameEnd > 0 && (name[nameEnd - 1] == ' ' || name[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        keep = (nameEnd >= 0 && names.contains(key(name, nameEnd))) != exclude;
        if (!keep) {
            return 0;
        }
        emit(name, 0, length);
        return length;
    }
}
