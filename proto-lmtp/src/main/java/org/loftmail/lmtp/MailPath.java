package org.loftmail.lmtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of {@code MAIL FROM:} or {@code RCPT TO:}: an address in angle brackets
 * (RFC 5321 section 4.1.2; a source route is dropped, a quoted local part unquoted) and the
 * {@code KEY=VALUE} parameters after it, keys upper-cased.
 *
 * @param address {@code local@domain}, the local part without quotes; empty for the null path {@code <>}
 */
record MailPath(String address, Map<String, String> params) {
    /** Thrown with the reply text for a path that cannot be read. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses what follows {@code FROM:} / {@code TO:}. Spaces before the {@code <} are allowed,
     * as Postfix and most servers allow them; a path without brackets is not.
     */
    static MailPath parse(String text) throws SyntaxException {
        String s = text.stripLeading();
        if (!s.startsWith("<")) {
            throw new SyntaxException("Invalid address: missing <");
        }
        StringBuilder local = new StringBuilder();
        int i = 1;
        // A source route (@a,@b:) is obsolete and ignored (RFC 5321 section 4.1.1.3).
        if (i < s.length() && s.charAt(i) == '@') {
            int colon = s.indexOf(':', i);
            if (colon < 0) {
                throw new SyntaxException("Invalid source route");
            }
            i = colon + 1;
        }
        boolean quoted = false;
        int at = -1;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < s.length()) {
                    local.append(s.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    local.append(c);
                }
                continue;
            }
            if (c == '"' && at < 0) {
                quoted = true;
            } else if (c == '>') {
                break;
            } else if (c == ' ' || c == '<' || c < 0x20 || c == 0x7f) {
                throw new SyntaxException("Invalid character in address");
            } else {
                if (c == '@') {
                    at = local.length();
                }
                local.append(c);
            }
        }
        if (quoted || i >= s.length()) {
            throw new SyntaxException("Invalid address: missing >");
        }
        String address = local.toString();
        if (at == 0 || (at > 0 && at == address.length() - 1)) {
            throw new SyntaxException("Invalid address: empty local part or domain");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = s.substring(i + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw new SyntaxException("Invalid address: text after >");
        }
        for (String p : rest.trim().split(" +")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                throw new SyntaxException("Invalid parameter " + p);
            }
            params.put(key, eq < 0 ? "" : p.substring(eq + 1));
        }
        return new MailPath(address, params);
    }

    /** The local part (before the last {@code @}), or the whole address. */
    String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** The domain, or empty. */
    String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
