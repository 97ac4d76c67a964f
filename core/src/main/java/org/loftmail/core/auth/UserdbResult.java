package org.loftmail.core.auth;

import java.util.Map;
import java.util.Optional;
import org.loftmail.core.model.UserId;

/** What a {@link Userdb} lookup came to. */
public sealed interface UserdbResult {
    /**
     * The user exists; {@code user} is the canonical name whose mail is opened (a userdb may
     * rename, e.g. fix the case), {@code fields} what the userdb returned, empty values kept.
     */
    record Found(UserId user, Map<String, String> fields) implements UserdbResult {
        public Found {
            fields = Map.copyOf(fields);
        }

        public Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }
    }

    /** No such user. */
    record NotFound() implements UserdbResult {
    }

    /** The userdb could not answer now (database down, file unreadable): try again later. */
    record Unavailable(String reason) implements UserdbResult {
    }
}
