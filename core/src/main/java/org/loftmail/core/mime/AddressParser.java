package org.loftmail.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an RFC 5322 address-list (with obsolete routes and groups) leniently: whatever it
 * cannot make sense of becomes the best-effort address rather than an error. Display names are
 * kept raw (encoded-words undecoded, like Dovecot's ENVELOPE): quoted strings unquoted, words
 * joined by one space. With no phrase, a trailing comment serves as the name
 * ({@code user@host (Real Name)}), as Dovecot does.
 */
final class AddressParser {
    private final String s;
    private int i;
    private String lastComment;

    private AddressParser(String s) {
        this.s = s;
    }

    static List<Address> parse(String value) {
        if (value == null) {
            return List.of();
        }
        return new AddressParser(value).list();
    }

    private List<Address> list() {
        List<Address> out = new ArrayList<>();
        boolean inGroup = false;
        while (true) {
            List<String> words = new ArrayList<>();
            StringBuilder phrase = new StringBuilder();
            lastComment = null;
            char stop = words(words, phrase);
            if (stop == ':' && !inGroup) {
                out.add(Address.groupStart(phrase.toString()));
                inGroup = true;
                continue;
            }
            if (stop == '<') {
                String name = phrase.length() == 0 ? null : phrase.toString();
                out.add(angle(name));
                stop = skipToSeparator();
            } else if (!words.isEmpty()) {
                out.add(bare(words));
            }
            if (stop == ';' && inGroup) {
                out.add(Address.GROUP_END);
                inGroup = false;
            }
            if (stop == 0) {
                break;
            }
        }
        if (inGroup) {
            out.add(Address.GROUP_END);
        }
        return out;
    }

    /**
     * Reads words until ':' '<' ',' ';' or the end (returned as 0). {@code words} gets every
     * token (for an addr-spec), {@code phrase} the display-name form.
     */
    private char words(List<String> words, StringBuilder phrase) {
        while (true) {
            skipSpaceAndComments();
            if (i >= s.length()) {
                return 0;
            }
            char c = s.charAt(i);
            if (c == ':' || c == '<' || c == ',' || c == ';') {
                i++;
                return c;
            }
            String word;
            String phraseWord;
            if (c == '"') {
                word = quotedRaw();
                phraseWord = unquote(word);
            } else if (c == '[') {
                word = domainLiteral();
                phraseWord = word;
            } else if (c == '.' || c == '@' || c == '>') {
                i++;
                word = String.valueOf(c);
                phraseWord = c == '>' ? null : word;
            } else {
                int from = i;
                i = atomEnd(" \t\r\n\"(),.:;<>@[]");
                word = s.substring(from, i);
                phraseWord = word;
            }
            words.add(word);
            if (phraseWord != null) {
                boolean glue = phraseWord.equals(".");
                if (phrase.length() > 0 && !glue) {
                    phrase.append(' ');
                }
                phrase.append(phraseWord);
            }
        }
    }

    /** An angle-addr after '<': optional route, then local@domain, up to '>'. */
    private Address angle(String name) {
        String adl = null;
        skipSpaceAndComments();
        if (i < s.length() && s.charAt(i) == '@') {
            int colon = s.indexOf(':', i);
            int close = s.indexOf('>', i);
            if (colon > 0 && (close < 0 || colon < close)) {
                adl = s.substring(i, colon).replaceAll("\\s+", "");
                i = colon + 1;
            }
        }
        List<String> words = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (i >= s.length()) {
                break;
            }
            char c = s.charAt(i);
            if (c == '>') {
                i++;
                break;
            }
            if (c == '"') {
                words.add(quotedRaw());
            } else if (c == '[') {
                words.add(domainLiteral());
            } else if (c == ',' || c == ';' || c == '<') {
                break;
            } else {
                int from = i;
                i = atomEnd(" \t\r\n\"(),:;<>[]");
                words.add(s.substring(from, i));
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                }
            }
        }
        Address spec = bare(words);
        return new Address(name, adl, spec.mailbox(), spec.host(), false);
    }

    /** An addr-spec from its tokens; a trailing comment is the name if nothing else is. */
    private Address bare(List<String> words) {
        String joined = String.join("", words);
        int at = joined.lastIndexOf('@');
        String mailbox = at < 0 ? joined : joined.substring(0, at);
        String host = at < 0 ? null : joined.substring(at + 1);
        if (host != null && host.isEmpty()) {
            host = null;
        }
        return new Address(lastComment, null, mailbox, host, false);
    }

    /** End of the atom at i; a stray special (")", "]") is taken as a one-char atom. */
    private int atomEnd(String stops) {
        int j = i;
        while (j < s.length() && stops.indexOf(s.charAt(j)) < 0) {
            j++;
        }
        return j == i ? i + 1 : j;
    }

    private char skipToSeparator() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ',' || c == ';') {
                i++;
                return c;
            }
            if (c == '"') {
                quotedRaw();
            } else if (c == '(') {
                comment();
            } else {
                i++;
            }
        }
        return 0;
    }

    private void skipSpaceAndComments() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '(') {
                String comment = comment().strip();
                if (!comment.isEmpty()) {
                    lastComment = comment;
                }
            } else {
                return;
            }
        }
    }

    private String comment() {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                b.append(s.charAt(i++));
                continue;
            }
            if (c == '(' && depth++ == 0) {
                continue;
            }
            if (c == ')' && --depth == 0) {
                break;
            }
            b.append(c);
        }
        return b.toString();
    }

    private String quotedRaw() {
        int from = i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                break;
            }
        }
        return s.substring(from, Math.min(i, s.length()));
    }

    private static String unquote(String quoted) {
        StringBuilder b = new StringBuilder();
        int end = quoted.length() > 1 && quoted.endsWith("\"") ? quoted.length() - 1 : quoted.length();
        for (int k = 1; k < end; k++) {
            char c = quoted.charAt(k);
            if (c == '\\' && k + 1 < end) {
                c = quoted.charAt(++k);
            }
            b.append(c);
        }
        return b.toString();
    }

    private String domainLiteral() {
        int close = s.indexOf(']', i);
        int end = close < 0 ? s.length() : close + 1;
        String lit = s.substring(i, end);
        i = end;
        return lit;
    }
}
