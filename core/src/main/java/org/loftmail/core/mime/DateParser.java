package org.loftmail.core.mime;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an RFC 5322 date-time, obsolete forms included (section 4.3): optional day name,
 * two- and three-digit years, optional seconds, comments, and the obsolete zones UT, GMT, the
 * US zones and the military letters. RFC 5322 says the military letters were defined wrongly
 * in RFC 822 and should be read as -0000, so they (and a missing zone) count as UTC. Returns
 * null for anything it cannot read, so SORT falls back to the internal date.
 */
final class DateParser {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec"};

    private DateParser() {
    }

    static Long parse(String value) {
        if (value == null) {
            return null;
        }
        List<String> t = tokens(value);
        int i = 0;
        if (i < t.size() && !t.get(i).isEmpty() && Character.isLetter(t.get(i).charAt(0))) {
            i++;
        }
        if (t.size() < i + 4) {
            return null;
        }
        try {
            int day = Integer.parseInt(t.get(i));
            int month = month(t.get(i + 1));
            String y = t.get(i + 2);
            int year = Integer.parseInt(y);
            if (y.length() == 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (y.length() == 3) {
                year += 1900;
            }
            String[] hms = t.get(i + 3).split(":", -1);
            if (month < 0 || hms.length < 2 || hms.length > 3) {
                return null;
            }
            int hour = Integer.parseInt(hms[0]);
            int minute = Integer.parseInt(hms[1]);
            int second = hms.length == 3 ? Integer.parseInt(hms[2]) : 0;
            if (second == 60) {
                second = 59;
            }
            int offset = i + 4 < t.size() ? zoneSeconds(t.get(i + 4)) : 0;
            if (offset == Integer.MIN_VALUE) {
                return null;
            }
            LocalDateTime local = LocalDateTime.of(year, month + 1, day, hour, minute, second);
            return local.toEpochSecond(ZoneOffset.UTC) * 1000L - offset * 1000L;
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** Words of the value with comments and commas removed. */
    private static List<String> tokens(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        int depth = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                clean.append(c == ',' ? ' ' : c);
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : clean.toString().trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static int month(String s) {
        String m = s.length() >= 3 ? s.substring(0, 3).toLowerCase(Locale.ROOT) : "";
        for (int k = 0; k < MONTHS.length; k++) {
            if (MONTHS[k].equals(m)) {
                return k;
            }
        }
        return -1;
    }

    /** Zone offset in seconds east of UTC, or MIN_VALUE when unreadable. */
    private static int zoneSeconds(String z) {
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5) {
            int hh = Integer.parseInt(z.substring(1, 3));
            int mm = Integer.parseInt(z.substring(3, 5));
            if (mm > 59) {
                return Integer.MIN_VALUE;
            }
            int s = hh * 3600 + mm * 60;
            return z.charAt(0) == '-' ? -s : s;
        }
        switch (z.toUpperCase(Locale.ROOT)) {
            case "UT": case "UTC": case "GMT": case "Z":
                return 0;
            case "EDT":
                return -4 * 3600;
            case "EST": case "CDT":
                return -5 * 3600;
            case "CST": case "MDT":
                return -6 * 3600;
            case "MST": case "PDT":
                return -7 * 3600;
            case "PST":
                return -8 * 3600;
            default:
                // Military letters and unknown names: RFC 5322 section 4.3 says treat as -0000.
                return 0;
        }
    }
}
