package org.loftmail.auth;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.model.UserId;

/**
 * {@code passdb { driver = passwd-file args = FILE }}: checks passwords against a Dovecot
 * passwd-file. A file that cannot be read is a temporary failure, never "wrong password".
 */
public final class PasswdFileAuthenticator implements Authenticator, CredentialLookup {
    private final PasswdFile file;

    public PasswdFileAuthenticator(PasswdFile file) {
        this.file = file;
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        Optional<PasswdEntry> entry;
        try {
            entry = file.lookup(request.user());
        } catch (UncheckedIOException e) {
            return new AuthResult.Unavailable(e.getMessage());
        }
        if (entry.isEmpty()) {
            return new AuthResult.Failure("unknown user");
        }
        if (!file.verify(entry.get(), request.password())) {
            return new AuthResult.Failure("password mismatch");
        }
        if (entry.get().noLogin()) {
            // Dovecot: "not allowed to log in even if the password matches", with its reason.
            return new AuthResult.Refused(entry.get().extraFields().get("reason"));
        }
        try {
            return new AuthResult.Success(new UserId(request.user()));
        } catch (IllegalArgumentException e) {
            return new AuthResult.Failure("invalid user name: " + e.getMessage());
        }
    }

    @Override
    public CredentialResult lookup(String user, String scheme) {
        Optional<PasswdEntry> entry;
        try {
            entry = file.lookup(user);
        } catch (UncheckedIOException e) {
            return new CredentialResult.Unavailable(e.getMessage());
        }
        if (entry.isEmpty()) {
            return new CredentialResult.Failure("unknown user");
        }
        Optional<String> credential = PasswordScheme.byName(scheme)
                .flatMap(s -> file.stored(entry.get()).credential(s));
        if (credential.isEmpty()) {
            // Dovecot: a hash that cannot be turned into the mechanism's credential fails it for this user.
            return new CredentialResult.Failure("password cannot be used for " + scheme);
        }
        if (entry.get().noLogin()) {
            // The client has not proved the password yet, so the reason (for the client) is not
            // shown: a nologin user fails the mechanism like a wrong password.
            return new CredentialResult.Failure("nologin");
        }
        try {
            return new CredentialResult.Found(new UserId(user), credential.get());
        } catch (IllegalArgumentException e) {
            return new CredentialResult.Failure("invalid user name: " + e.getMessage());
        }
    }
}
