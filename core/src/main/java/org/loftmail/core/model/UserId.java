package org.loftmail.core.model;

import java.util.Objects;

/**
 * A user's login name as the store knows it ({@code user} or {@code user@domain}).
 * Rejects names that could escape a directory when substituted into {@code mail_location}.
 */
public record UserId(String name) {
    public UserId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("user name must be 1..255 characters");
        }
        if (name.equals(".") || name.equals("..") || name.startsWith(".")) {
            throw new IllegalArgumentException("user name must not start with '.'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '%') {
                throw new IllegalArgumentException("user name contains a forbidden character");
            }
        }
        if (name.indexOf('@') != name.lastIndexOf('@') || name.endsWith("@") || name.startsWith("@")) {
            throw new IllegalArgumentException("user name has a malformed domain part");
        }
    }

    /** The part before {@code @} (Dovecot's {@code %n}). */
    public String localPart() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The part after {@code @} (Dovecot's {@code %d}), empty when there is none. */
    public String domain() {
        int at = name.indexOf('@');
        return at < 0 ? "" : name.substring(at + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
