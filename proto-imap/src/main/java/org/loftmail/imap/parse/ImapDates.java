package org.loftmail.imap.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** RFC 3501 {@code date} (SEARCH) and {@code date-time} (APPEND): fixed English month names. */
final class ImapDates {
    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

    private ImapDates() {
    }

    /** date = date-text / DQUOTE date-text DQUOTE; date-text = 1*2DIGIT "-" Mon "-" 4DIGIT. */
    static LocalDate date(ImapReader r) {
        String text = r.peekIs('"') ? r.string("date") : r.atom("date");
        LocalDate d = dateText(text.startsWith(" ") ? text.substring(1) : text);
        if (d == null) {
            throw new ParseException("Invalid date " + text);
        }
        return d;
    }

    private static LocalDate dateText(String s) {
        String[] p = s.split("-", -1);
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4 || !digits(p[0])
            || !digits(p[2])) {
            return null;
        }
        int month = MONTHS.indexOf(p[1].toUpperCase(Locale.ROOT));
        if (p[1].length() != 3 || month < 0 || month % 3 != 0) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(p[2]), month / 3 + 1, Integer.parseInt(p[0]));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** date-time = DQUOTE date-day-fixed "-" Mon "-" YYYY SP HH:MM:SS SP zone DQUOTE. */
    static OffsetDateTime dateTime(ImapReader r) {
        String s = r.string("date-time");
        // "dd-Mon-yyyy hh:mm:ss +zzzz", the day possibly space-padded: always 26 chars.
        if (s.length() != 26 || s.charAt(11) != ' ' || s.charAt(20) != ' ') {
            throw new ParseException("Invalid date-time " + s);
        }
        LocalDate d = dateText(s.charAt(0) == ' ' ? s.substring(1, 11) : s.substring(0, 11));
        String time = s.substring(12, 20);
        String zone = s.substring(21);
        if (d == null || time.charAt(2) != ':' || time.charAt(5) != ':'
            || !digits(time.substring(0, 2) + time.substring(3, 5) + time.substring(6))
            || (zone.charAt(0) != '+' && zone.charAt(0) != '-') || !digits(zone.substring(1))) {
            throw new ParseException("Invalid date-time " + s);
        }
        try {
            int zh = Integer.parseInt(zone.substring(1, 3));
            int zm = Integer.parseInt(zone.substring(3));
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            LocalDateTime t = d.atTime(Integer.parseInt(time.substring(0, 2)),
                Integer.parseInt(time.substring(3, 5)), Integer.parseInt(time.substring(6)));
            return OffsetDateTime.of(t, ZoneOffset.ofHoursMinutes(sign * zh, sign * zm));
        } catch (DateTimeException e) {
            throw new ParseException("Invalid date-time " + s);
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
