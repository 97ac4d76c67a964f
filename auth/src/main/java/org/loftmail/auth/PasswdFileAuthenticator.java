package org.loftmail.auth;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.model.UserId;

/**
 * {@code passdb { driver = passwd-file args = FILE }}: checks passwords against a Dovecot
 * passwd-file. A file that cannot be read is a temporary failure, never "wrong password".
 */
public final class PasswdFileAuthenticator implements Authenticator {
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
}
