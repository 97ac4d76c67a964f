package org.loftmail.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox name in Unicode with {@code /} as the hierarchy separator. Modified UTF-7 is a
 * protocol concern; the store only ever sees these. {@code INBOX} is case-insensitive and always
 * normalised to upper case, as RFC 3501 section 5.1 requires.
 *
 * <p>Rejected: empty names or components, leading/trailing or doubled separators, {@code .} and
 * {@code ..} components, control characters, backslashes, and the IMAP wildcards {@code *}
 * and {@code %}. Such names could address another user's files or be ambiguous in LIST.
 */
public record MailboxName(String value) implements Comparable<MailboxName> {
    public static final char SEPARATOR = '/';
    public static final MailboxName INBOX = new MailboxName("INBOX");
    private static final int MAX_LENGTH = 1000;
    private static final int MAX_DEPTH = 32;

    public MailboxName {
        Objects.requireNonNull(value, "value");
        value = normalise(value);
    }

    public static MailboxName of(String value) {
        return new MailboxName(value);
    }

    private static String normalise(String v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("mailbox name is empty");
        }
        if (v.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("mailbox name is longer than " + MAX_LENGTH);
        }
        String[] parts = v.split(String.valueOf(SEPARATOR), -1);
        if (parts.length > MAX_DEPTH) {
            throw new IllegalArgumentException("mailbox name is nested deeper than " + MAX_DEPTH);
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("mailbox name has an empty component");
            }
            if (p.equals(".") || p.equals("..")) {
                throw new IllegalArgumentException("mailbox name has a '" + p + "' component");
            }
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '\\' || c == '*' || c == '%' || (c >= 0x80 && c < 0xa0)) {
                    throw new IllegalArgumentException("mailbox name has a forbidden character");
                }
            }
        }
        if (parts[0].equalsIgnoreCase("INBOX")) {
            parts[0] = "INBOX";
            return String.join(String.valueOf(SEPARATOR), parts);
        }
        return v;
    }

    public boolean isInbox() {
        return value.equals("INBOX");
    }

    /** The parent name, or null at the top level. */
    public MailboxName parent() {
        int i = value.lastIndexOf(SEPARATOR);
        return i < 0 ? null : new MailboxName(value.substring(0, i));
    }

    /** This name and all its ancestors, outermost first (for CREATE of missing parents). */
    public List<MailboxName> lineage() {
        List<MailboxName> out = new ArrayList<>();
        int i = -1;
        while ((i = value.indexOf(SEPARATOR, i + 1)) >= 0) {
            out.add(new MailboxName(value.substring(0, i)));
        }
        out.add(this);
        return out;
    }

    /** True if {@code other} lies strictly below this name. */
    public boolean isAncestorOf(MailboxName other) {
        return other.value.length() > value.length()
                && other.value.startsWith(value)
                && other.value.charAt(value.length()) == SEPARATOR;
    }

    /** Replaces the prefix {@code from} (this or an ancestor) with {@code to}. */
    public MailboxName reparent(MailboxName from, MailboxName to) {
        if (equals(from)) {
            return to;
        }
        if (!from.isAncestorOf(this)) {
            throw new IllegalArgumentException(from + " is not an ancestor of " + this);
        }
        return new MailboxName(to.value + value.substring(from.value.length()));
    }

    @Override
    public int compareTo(MailboxName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Case-insensitive comparison helper for INBOX checks on raw input. */
    public static boolean isInboxName(String raw) {
        return raw.toUpperCase(Locale.ROOT).equals("INBOX");
    }
}
