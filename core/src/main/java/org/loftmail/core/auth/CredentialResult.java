package org.loftmail.core.auth;

import org.loftmail.core.model.UserId;

/** What a {@link CredentialLookup} found; mirrors {@link AuthResult} so a login ends the same way. */
public sealed interface CredentialResult {
    /** {@code credential} is in the scheme asked for; {@code user} is the canonical name whose mail is opened. */
    record Found(UserId user, String credential) implements CredentialResult {
        @Override
        public String toString() {
            return "Found[user=" + user + ", credential=***]";
        }
    }

    /**
     * Unknown user, a password stored in a form that cannot give this scheme, or a user who may
     * not log in (no {@code Refused}: the client has proved nothing yet, so it gets no reason);
     * {@code reason} is for the log.
     */
    record Failure(String reason) implements CredentialResult { }

    /** The passdb could not be asked now (file unreadable, database down). */
    record Unavailable(String reason) implements CredentialResult { }
}
