package org.loftmail.server.mbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loftmail.core.model.Flags;

/**
 * Streams messages out of an mbox file, one at a time. A message starts at a line beginning
 * {@code "From "} at the start of the file or after an empty line. Lines matching
 * {@code ^>+From } lose one {@code >} (mboxrd; for mboxo files this only alters lines that were
 * already quoted). The empty line before the next separator belongs to the mbox, not the message.
 */
public final class MboxReader implements AutoCloseable {
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
    // asctime: "Sat Jan  3 01:05:34 1996", optionally followed by a zone we ignore.
    private static final Pattern ASCTIME = Pattern.compile(
            "([A-Z][a-z]{2}) +([A-Z][a-z]{2}) +(\\d{1,2}) +(\\d{1,2}:\\d{2}(?::\\d{2})?) +(?:[A-Z]{3,4} +)?(\\d{4})");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d H:mm[:ss] yyyy", Locale.ROOT);

    private static final int MAX_CHUNK = 64 << 10;

    private final InputStream in;
    private byte[] pendingSeparator;
    private boolean chunkStartsLine = true;
    private boolean previousChunkEndedLine = true;
    private long line;
    private boolean started;

    public MboxReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next message, or null at the end of the file. */
    public MboxMessage next() throws IOException {
        byte[] separator = pendingSeparator;
        pendingSeparator = null;
        if (!started) {
            started = true;
            separator = readLine();
            if (separator == null) {
                return null;
            }
            if (!startsWith(separator, FROM)) {
                throw new IOException("not an mbox file: line 1 does not start with 'From '");
            }
        }
        if (separator == null) {
            return null;
        }
        MessageSpool spool = new MessageSpool();
        boolean previousBlank = false;
        byte[] held = null;
        byte[] l;
        while ((l = readLine()) != null) {
            boolean lineStart = chunkStartsLine;
            if (lineStart && previousBlank && startsWith(l, FROM)) {
                pendingSeparator = l;
                held = null;
                break;
            }
            if (held != null) {
                spool.write(held, held.length);
            }
            previousBlank = lineStart && isBlank(l);
            held = lineStart ? unescape(l) : l;
        }
        if (held != null && !previousBlank) {
            spool.write(held, held.length);
        }
        return spool.finish(parseDate(separator), flags(spool.head()));
    }

    /**
     * The next line, or the next {@value #MAX_CHUNK} bytes of a longer one (then
     * {@link #chunkStartsLine} tells whether this chunk begins a line), so no line is ever
     * held whole, however long.
     */
    private byte[] readLine() throws IOException {
        chunkStartsLine = previousChunkEndedLine;
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        boolean ended = false;
        while (b.size() < MAX_CHUNK && (c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                ended = true;
                break;
            }
        }
        if (b.size() == 0) {
            return null;
        }
        previousChunkEndedLine = ended;
        if (ended) {
            line++;
        }
        return b.toByteArray();
    }

    private static boolean isBlank(byte[] l) {
        return (l.length == 1 && l[0] == '\n') || (l.length == 2 && l[0] == '\r' && l[1] == '\n');
    }

    private static boolean startsWith(byte[] l, byte[] prefix) {
        return startsWith(l, 0, prefix);
    }

    private static boolean startsWith(byte[] l, int from, byte[] prefix) {
        if (l.length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (l[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code >From }, {@code >>From }, …: one {@code >} less (mboxrd). */
    private static byte[] unescape(byte[] l) {
        int i = 0;
        while (i < l.length && l[i] == '>') {
            i++;
        }
        return i > 0 && startsWith(l, i, FROM) ? Arrays.copyOfRange(l, 1, l.length) : l;
    }

    /** The separator's date in UTC millis, or now if it has none we can read. */
    static long parseDate(byte[] separator) {
        Matcher m = ASCTIME.matcher(new String(separator, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            try {
                String text = m.group(2) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5);
                return LocalDateTime.parse(text, DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through: an unreadable date must not stop an import
            }
        }
        return System.currentTimeMillis();
    }

    /** {@code Status: RO} and {@code X-Status: AFDT}, as mutt and Thunderbird write them. */
    static Flags flags(byte[] message) {
        int system = 0;
        int start = 0;
        while (start < message.length) {
            int end = start;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int len = end - start;
            if (len == 0 || (len == 1 && message[start] == '\r')) {
                break;
            }
            String header = new String(message, start, len, StandardCharsets.ISO_8859_1).strip();
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("status:")) {
                if (header.substring(7).contains("R")) {
                    system |= Flags.SEEN;
                }
            } else if (lower.startsWith("x-status:")) {
                String v = header.substring(9);
                system |= v.contains("A") ? Flags.ANSWERED : 0;
                system |= v.contains("F") ? Flags.FLAGGED : 0;
                system |= v.contains("D") ? Flags.DELETED : 0;
                system |= v.contains("T") ? Flags.DRAFT : 0;
            }
            start = end + 1;
        }
        return new Flags(system, java.util.Set.of());
    }

    /** Lines read so far (for progress). */
    public long lines() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
