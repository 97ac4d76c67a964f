package org.loftmail.auth.sql;

import java.util.Map;
import java.util.Optional;

/**
 * A userdb answer: the canonical user name and the fields the query returned ({@code uid},
 * {@code gid}, {@code home}, {@code mail}, {@code quota_rule}, any other extra field), NULL
 * columns left out.
 */
public record UserdbEntry(String user, Map<String, String> fields) {
    public UserdbEntry {
        fields = Map.copyOf(fields);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Optional<String> uid() {
        return field("uid");
    }

    public Optional<String> gid() {
        return field("gid");
    }

    public Optional<String> home() {
        return field("home");
    }

    /** Dovecot's per-user {@code mail} location, overriding {@code mail_location}. */
    public Optional<String> mail() {
        return field("mail");
    }

    public Optional<String> quotaRule() {
        return field("quota_rule");
    }
}
