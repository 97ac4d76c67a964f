package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a Content-Type / Content-Disposition value into its leading token and parameters
 * (RFC 2045 tokens, quoted strings, comments).
 *
 * <p>RFC 2231: like Dovecot, continuations ({@code name*0}, {@code name*1}…) are joined into one
 * parameter, but charset-encoded values are not decoded: a parameter whose first segment is
 * extended ({@code name*0*=utf-8''%E2…} or {@code name*=…}) is listed as {@code name*} with the
 * joined, still percent-encoded value, and clients decode it. Joined parameters follow the plain
 * ones, in first-seen order. Parameter names are upper-cased, values kept as sent.
 */
final class MimeParams {
    private MimeParams() {
    }

    /** The value's leading token (e.g. "text/plain", lower-cased) and its parameters. */
    record Parsed(String token, List<MimeParam> params) {
    }

    static Parsed parse(String value) {
        Scanner s = new Scanner(value);
        String token = s.token("/").toLowerCase(Locale.ROOT);
        List<MimeParam> plain = new ArrayList<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        while (s.skipTo(';')) {
            String name = s.token("").trim();
            if (!s.expect('=')) {
                continue;
            }
            String v = s.value();
            if (name.isEmpty()) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.add(new MimeParam(name.toUpperCase(Locale.ROOT), v));
                continue;
            }
            String base = name.substring(0, star).toUpperCase(Locale.ROOT);
            String rest = name.substring(star + 1);
            boolean extended = rest.endsWith("*") || rest.isEmpty();
            String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int index = 0;
            if (!number.isEmpty()) {
                try {
                    index = Integer.parseInt(number);
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            continued.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(index,
                    new String[] {v, extended ? "*" : ""});
        }
        List<MimeParam> out = new ArrayList<>(plain);
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : continued.entrySet()) {
            TreeMap<Integer, String[]> segments = e.getValue();
            boolean extended = segments.firstEntry().getValue()[1].equals("*");
            StringBuilder joined = new StringBuilder();
            for (String[] seg : segments.values()) {
                joined.append(extended && seg[1].isEmpty() ? percentEncode(seg[0]) : seg[0]);
            }
            out.add(new MimeParam(extended ? e.getKey() + "*" : e.getKey(), joined.toString()));
        }
        return new Parsed(token, List.copyOf(out));
    }

    /** A plain segment inside an encoded value must not be mistaken for %XX escapes. */
    private static String percentEncode(String s) {
        return s.replace("%", "%25");
    }

    /** A small RFC 2045 scanner over a header value. */
    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (c == '(') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        private void skipComment() {
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }

        /** A token; {@code extra} lists specials that are allowed inside it. */
        String token(String extra) {
            skipSpace();
            int from = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c <= ' ' || c == 0x7f || ("()<>@,;:\\\"[]?=/".indexOf(c) >= 0 && extra.indexOf(c) < 0)) {
                    break;
                }
                i++;
            }
            String t = s.substring(from, i);
            skipSpace();
            return t;
        }

        boolean expect(char c) {
            skipSpace();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        /** Skips anything up to and including the next {@code c} outside quotes. */
        boolean skipTo(char c) {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == c) {
                    i++;
                    return true;
                }
                if (ch == '"') {
                    quoted();
                } else if (ch == '(') {
                    skipComment();
                } else {
                    i++;
                }
            }
            return false;
        }

        /** A parameter value: a quoted string (unquoted) or a token (lenient: up to ';'). */
        String value() {
            skipSpace();
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted();
            }
            int from = i;
            while (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != ' ' && s.charAt(i) != '\t'
                    && s.charAt(i) != '(') {
                i++;
            }
            return s.substring(from, i);
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                b.append(c);
            }
            return b.toString();
        }
    }
}
