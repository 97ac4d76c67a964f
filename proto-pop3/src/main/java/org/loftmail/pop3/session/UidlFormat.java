package org.loftmail.pop3.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.model.MessageGuid;

/**
 * Dovecot's {@code pop3_uidl_format}, expanded the way Dovecot's {@code var_expand} does, so a
 * mailbox moved from Dovecot (same UIDs and UIDVALIDITY) keeps its UIDLs and POP3 clients do not
 * download everything again. Variables: {@code %u}/{@code %{uid}}, {@code %v}/{@code %{uidvalidity}},
 * {@code %g}/{@code %{guid}} (32 hex digits) and {@code %%}; per variable an optional zero flag and
 * width ({@code %08u} pads; {@code %8u} truncates, as in Dovecot) and the modifiers {@code X}
 * (decimal to lower-case hex, Dovecot's {@code %llx}), {@code U} and {@code L}, applied in order.
 * {@code %m} (mbox header MD5) and {@code %f} (maildir file name) name storage Loft does not have
 * and are refused, as is anything else.
 */
public final class UidlFormat {
    /** Dovecot's default: UID and UIDVALIDITY, each as 8 hex digits. */
    public static final String DOVECOT_DEFAULT = "%08Xu%08Xv";

    private enum Key { UID, UIDVALIDITY, GUID }

    private record Part(String literal, Key key, boolean zero, int width, String modifiers) { }

    private final List<Part> parts;

    private UidlFormat(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code format}; an {@link IllegalArgumentException} says what Loft cannot expand. */
    public static UidlFormat compile(String format) {
        if (format == null || format.isEmpty()) {
            throw new IllegalArgumentException("pop3_uidl_format must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasVariable = false;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            boolean zero = i < format.length() && format.charAt(i) == '0';
            if (zero) {
                i++;
            }
            int width = 0;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                width = width * 10 + (format.charAt(i++) - '0');
            }
            StringBuilder mods = new StringBuilder();
            while (i < format.length() && "XUL".indexOf(format.charAt(i)) >= 0) {
                mods.append(format.charAt(i++));
            }
            if (i >= format.length()) {
                throw new IllegalArgumentException("pop3_uidl_format ends in the middle of a variable: " + format);
            }
            String name;
            if (format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("pop3_uidl_format has an unclosed %{: " + format);
                }
                name = format.substring(i + 1, close);
                i = close + 1;
            } else {
                name = String.valueOf(format.charAt(i++));
            }
            if (name.equals("%")) {
                literal.append('%');
                continue;
            }
            Key key = key(name, format);
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), null, false, 0, ""));
                literal.setLength(0);
            }
            parts.add(new Part(null, key, zero, width, mods.toString()));
            hasVariable = true;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null, false, 0, ""));
        }
        if (!hasVariable) {
            throw new IllegalArgumentException("pop3_uidl_format needs %u, %v or %g: " + format);
        }
        return new UidlFormat(List.copyOf(parts));
    }

    private static Key key(String name, String format) {
        switch (name) {
            case "u":
            case "uid":
                return Key.UID;
            case "v":
            case "uidvalidity":
                return Key.UIDVALIDITY;
            case "g":
            case "guid":
                return Key.GUID;
            case "m":
            case "md5":
                throw new IllegalArgumentException("pop3_uidl_format: %m is the header MD5 of mbox storage, "
                        + "which Loft does not have; use %u, %v and %g: " + format);
            case "f":
            case "filename":
                throw new IllegalArgumentException("pop3_uidl_format: %f is a maildir file name, "
                        + "which Loft does not have; use %u, %v and %g: " + format);
            default:
                throw new IllegalArgumentException("pop3_uidl_format: unknown variable %" + name + ": " + format);
        }
    }

    /** The UIDL of one message. */
    public String expand(long uid, long uidValidity, MessageGuid guid) {
        StringBuilder sb = new StringBuilder(32);
        for (Part p : parts) {
            if (p.literal() != null) {
                sb.append(p.literal());
                continue;
            }
            String v;
            switch (p.key()) {
                case UID:
                    v = Long.toString(uid);
                    break;
                case UIDVALIDITY:
                    v = Long.toString(uidValidity);
                    break;
                default:
                    v = guid.toString();
                    break;
            }
            for (char m : p.modifiers().toCharArray()) {
                v = modify(m, v);
            }
            if (p.width() == 0) {
                sb.append(v);
            } else if (p.zero()) {
                sb.append("0".repeat(Math.max(0, p.width() - v.length()))).append(v);
            } else {
                sb.append(v, 0, Math.min(v.length(), p.width()));
            }
        }
        return sb.toString();
    }

    private static String modify(char m, String v) {
        switch (m) {
            case 'U':
                return v.toUpperCase(Locale.ROOT);
            case 'L':
                return v.toLowerCase(Locale.ROOT);
            default:
                try {
                    return Long.toHexString(Long.parseUnsignedLong(v));
                } catch (NumberFormatException e) {
                    return "0";
                }
        }
    }
}
