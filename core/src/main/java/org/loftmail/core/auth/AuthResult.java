package org.loftmail.core.auth;

import org.loftmail.core.model.UserId;

/** What a login attempt came to. */
public sealed interface AuthResult {
    /**
     * The credential is good; {@code user} is the canonical name whose mail is opened,
     * {@code userdbFields} what the userdb said of the user ({@code home}, {@code quota_rule}, …).
     */
    record Success(UserId user, java.util.Map<String, String> userdbFields) implements AuthResult {
        public Success {
            userdbFields = java.util.Map.copyOf(userdbFields);
        }

        /** A success with no userdb fields. */
        public Success(UserId user) {
            this(user, java.util.Map.of());
        }
    }

    /** Wrong password, unknown user, or login refused; {@code reason} is for the log, not the client. */
    record Failure(String reason) implements AuthResult { }

    /**
     * The credential is right but the user may not log in ({@code nologin}); {@code reason} is
     * for the client (Dovecot's {@code reason} field), null for a generic answer.
     */
    record Refused(String reason) implements AuthResult { }

    /** The credential could not be checked now (database down...): try again later. */
    record Unavailable(String reason) implements AuthResult { }
}
