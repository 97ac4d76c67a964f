package org.loftmail.core.mime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header fields of one MIME header block that the summary uses, unfolded (line breaks
 * removed, the folding whitespace kept) and with leading whitespace dropped. Values are
 * byte strings: one char per octet (ISO-8859-1), so 8-bit bytes survive untouched. Other fields
 * (Received, DKIM…) are dropped while reading, which bounds memory by the fields we keep. When a
 * field repeats, the first one wins.
 */
final class HeaderFields {
    /** Longest unfolded value kept; the rest of a longer field is ignored. */
    static final int MAX_VALUE = 256 * 1024;

    private static final Set<String> WANTED = Set.of("date", "subject", "from", "sender", "reply-to",
            "to", "cc", "bcc", "in-reply-to", "message-id", "references", "content-type",
            "content-transfer-encoding", "content-id", "content-description", "content-md5",
            "content-disposition", "content-language", "content-location");

    private final Map<String, String> values = new HashMap<>();
    private String currentName;
    private StringBuilder current;

    /** Feeds one physical header line (without its terminator). */
    void line(byte[] bytes, int length) {
        if (length > 0 && (bytes[0] == ' ' || bytes[0] == '\t')) {
            if (current != null) {
                append(bytes, 0, length);
            }
            return;
        }
        finish();
        int colon = -1;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return;
        }
        String name = new String(bytes, 0, colon, java.nio.charset.StandardCharsets.ISO_8859_1).trim()
                .toLowerCase(Locale.ROOT);
        if (!WANTED.contains(name) || values.containsKey(name)) {
            return;
        }
        currentName = name;
        current = new StringBuilder();
        int from = colon + 1;
        while (from < length && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        append(bytes, from, length);
    }

    private void append(byte[] bytes, int from, int to) {
        for (int i = from; i < to && current.length() < MAX_VALUE; i++) {
            current.append((char) (bytes[i] & 0xff));
        }
    }

    /** Ends the field being read; call once after the last line. */
    void finish() {
        if (currentName != null) {
            // stripLeading: a value that starts on a continuation line ("Subject:\r\n  x").
            values.put(currentName, current.toString().stripLeading());
        }
        currentName = null;
        current = null;
    }

    /** The raw value, or null when the field is absent. */
    String get(String lowerCaseName) {
        return values.get(lowerCaseName);
    }
}
