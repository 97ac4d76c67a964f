package org.loftmail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads one header block up to its blank line (or the end of the stream) and hands over each field
 * unfolded: line breaks removed, folding whitespace kept, leading whitespace dropped, as core's
 * summary does. Values are byte strings (one char per octet) for
 * {@link org.loftmail.core.mime.HeaderDecoding}. Every field is reported, not only the ones the
 * summary keeps, since HEADER may name any field; memory is bounded by {@link #MAX_FIELD}.
 */
final class HeaderReader {
    /** Longest unfolded field kept; the rest of a longer one is read and ignored. */
    static final int MAX_FIELD = 64 * 1024;

    /** Receives the fields of a header block in order. */
    interface FieldSink {
        /** @param name lower-cased field name; @param raw the unfolded value as a byte string */
        void field(String name, String raw);
    }

    private final InputStream in;
    private final StringBuilder line = new StringBuilder();
    private boolean eof;

    private HeaderReader(InputStream in) {
        this.in = in;
    }

    static void read(InputStream in, FieldSink sink) throws IOException {
        new HeaderReader(in).fields(sink);
    }

    private void fields(FieldSink sink) throws IOException {
        String name = null;
        StringBuilder value = new StringBuilder();
        while (nextLine() && line.length() > 0) {
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    value.append(line, 0, Math.min(line.length(), MAX_FIELD - value.length()));
                }
                continue;
            }
            if (name != null) {
                sink.field(name, value.toString().stripLeading());
            }
            int colon = line.indexOf(":");
            name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (name != null) {
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            sink.field(name, value.toString().stripLeading());
        }
    }

    /** Reads the next line without its CRLF or LF into {@link #line}; false at the end of input. */
    private boolean nextLine() throws IOException {
        line.setLength(0);
        if (eof) {
            return false;
        }
        boolean any = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                eof = true;
                return any;
            }
            any = true;
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return true;
            }
            if (line.length() < MAX_FIELD) {
                line.append((char) b);
            }
        }
    }
}
