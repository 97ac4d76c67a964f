package org.loftmail.auth.sql;

/** What a userdb lookup came to: found, no such user, or the database could not answer. */
public sealed interface UserdbResult {
    record Found(UserdbEntry entry) implements UserdbResult {
    }

    record NotFound() implements UserdbResult {
    }

    /** Try again later; {@code reason} is for the log. */
    record TemporaryFailure(String reason) implements UserdbResult {
    }
}
