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

        /**
         * The lower-cased name of the field named by {@code line[start, end)} if its value is
         * wanted, else null: an unwanted field is skipped without a string being made for it.
         */
        default String wanted(CharSequence line, int start, int end) {
            return line.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
        }
    }

    /** A SEARCH reads one header per message: the two builders are reused on each thread. */
    private static final class Builders {
        final StringBuilder line = new StringBuilder(256);
        final StringBuilder value = new StringBuilder(256);
        boolean inUse;
    }

    private static final ThreadLocal<Builders> BUILDERS = ThreadLocal.withInitial(Builders::new);

    private final InputStream in;
    private final StringBuilder line;
    private final StringBuilder value;
    private boolean eof;

    private HeaderReader(InputStream in, StringBuilder line, StringBuilder value) {
        this.in = in;
        this.line = line;
        this.value = value;
    }

    /** True if {@code line[start, end)} is {@code lower} ignoring ASCII case. */
    static boolean nameIs(CharSequence line, int start, int end, String lower) {
        if (end - start != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = line.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static void read(InputStream in, FieldSink sink) throws IOException {
        Builders b = BUILDERS.get();
        if (b.inUse) {
            // A sink that reads another header while this one is read gets builders of its own.
            b = new Builders();
        }
        b.inUse = true;
        try {
            b.line.setLength(0);
            b.value.setLength(0);
            new HeaderReader(in, b.line, b.value).fields(sink);
        } finally {
            b.inUse = false;
            if (b.line.capacity() > 8192 || b.value.capacity() > 8192) {
                BUILDERS.remove(); // one grown by a huge field is not kept
            }
        }
    }

    private void fields(FieldSink sink) throws IOException {
        String name = null;
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
            name = null;
            if (colon > 0) {
                int start = 0;
                int end = colon;
                while (start < end && line.charAt(start) <= ' ') {
                    start++;
                }
                while (end > start && line.charAt(end - 1) <= ' ') {
                    end--;
                }
                name = start < end ? sink.wanted(line, start, end) : null;
            }
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
