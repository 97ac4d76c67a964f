package org.loftmail.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text with Dovecot variables: {@code %u %n %d %s %r %l %%}, the long forms {@code %{user}},
 * {@code %{username}}, {@code %{domain}}, {@code %{service}}, {@code %{rip}}, {@code %{lip}}, and
 * the case modifiers {@code L} and {@code U} ({@code %Lu}, {@code %L{user}}). Anything else after
 * a {@code %} is refused when the file is read, so a typo never reaches the database as text.
 */
public final class VariableTemplate {
    /** A literal piece ({@code name} null) or one variable. */
    private record Piece(String literal, String name, char modifier) {
    }

    private final List<Piece> pieces;

    private VariableTemplate(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    /** True if {@code text} has a {@code %} at all: such text is a template, not plain SQL. */
    public static boolean hasVariables(String text) {
        return text.indexOf('%') >= 0;
    }

    /** @throws IllegalArgumentException naming the bad variable */
    public static VariableTemplate parse(String text) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i++;
            if (i < text.length() && text.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            char modifier = 0;
            if (i < text.length() && (text.charAt(i) == 'L' || text.charAt(i) == 'U')) {
                modifier = text.charAt(i++);
            }
            String name;
            if (i < text.length() && text.charAt(i) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed variable " + text.substring(start));
                }
                name = text.substring(i + 1, close);
                i = close + 1;
            } else if (i < text.length()) {
                name = shortName(text.charAt(i++));
            } else {
                name = null;
            }
            if (name == null || !isKnown(name)) {
                throw new IllegalArgumentException("unknown variable " + text.substring(start, Math.min(i, text.length()))
                        + " (Loft knows %u %n %d %s %r %l %% and %{user} %{username} %{domain} %{service} %{rip} %{lip};"
                        + " write %% for a literal %)");
            }
            if (literal.length() > 0) {
                pieces.add(new Piece(literal.toString(), null, (char) 0));
                literal.setLength(0);
            }
            pieces.add(new Piece(null, name, modifier));
        }
        if (literal.length() > 0) {
            pieces.add(new Piece(literal.toString(), null, (char) 0));
        }
        return new VariableTemplate(pieces);
    }

    private static String shortName(char c) {
        switch (c) {
            case 'u': return "user";
            case 'n': return "username";
            case 'd': return "domain";
            case 's': return "service";
            case 'r': return "rip";
            case 'l': return "lip";
            default: return null;
        }
    }

    private static boolean isKnown(String name) {
        switch (name) {
            case "user": case "username": case "domain": case "service": case "rip": case "lip":
                return true;
            default:
                return false;
        }
    }

    public String expand(LookupVars vars) {
        StringBuilder out = new StringBuilder();
        for (Piece p : pieces) {
            if (p.name() == null) {
                out.append(p.literal());
                continue;
            }
            String v = value(p.name(), vars);
            if (p.modifier() == 'L') {
                v = v.toLowerCase(Locale.ROOT);
            } else if (p.modifier() == 'U') {
                v = v.toUpperCase(Locale.ROOT);
            }
            out.append(v);
        }
        return out.toString();
    }

    private static String value(String name, LookupVars vars) {
        switch (name) {
            case "user": return vars.user();
            case "username": return vars.username();
            case "domain": return vars.domain();
            case "service": return vars.service();
            case "rip": return vars.remoteIp();
            case "lip": return vars.localIp();
            default: throw new IllegalStateException(name);
        }
    }
}
