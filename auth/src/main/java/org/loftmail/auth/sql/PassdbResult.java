package org.loftmail.auth.sql;

import java.util.Map;
import org.loftmail.core.model.UserId;

/** What the SQL passdb made of one login, with the {@code userdb_*} fields a prefetch userdb can use. */
public sealed interface PassdbResult {
    /**
     * The password matched.
     *
     * @param user         the canonical name (the query's {@code user} column when it returns one)
     * @param userdbFields the {@code userdb_*} columns without the prefix ({@code userdb_home} → {@code home})
     */
    record Accepted(UserId user, Map<String, String> userdbFields) implements PassdbResult {
        public Accepted {
            userdbFields = Map.copyOf(userdbFields);
        }
    }

    /** Wrong password or unknown user; the reason is for the log only. */
    record Rejected(String reason) implements PassdbResult {
    }

    /** The password is right but the row says {@code nologin}; {@code reason} (may be null) is for the client. */
    record Refused(String reason) implements PassdbResult {
    }

    /** The database could not answer: the client should try again later. */
    record Unavailable(String reason) implements PassdbResult {
    }
}
