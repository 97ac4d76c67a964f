package org.loftmail.auth;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code passdb { driver = passwd-file args = [scheme=S] [username_format=F] FILE }}: the entry
 * of a Dovecot passwd-file, keyed by the login name or by {@code username_format} applied to it
 * ({@code %n} for a file of local parts). A file that cannot be read is a temporary failure,
 * never "wrong password".
 */
public final class PasswdFilePassdb implements Passdb {
    private final PasswdFile file;
    private final VariableTemplate usernameFormat;

    /** @param usernameFormat the key to look up; null for the name as given ({@code %u}) */
    public PasswdFilePassdb(PasswdFile file, VariableTemplate usernameFormat) {
        this.file = file;
        this.usernameFormat = usernameFormat;
    }

    public PasswdFilePassdb(PasswdFile file) {
        this(file, null);
    }

    @Override
    public PassdbLookup lookup(LookupVars vars) {
        Optional<PasswdEntry> entry;
        try {
            entry = file.lookup(key(usernameFormat, vars));
        } catch (UncheckedIOException e) {
            return new PassdbLookup.Unavailable(e.getMessage());
        }
        if (entry.isEmpty()) {
            return new PassdbLookup.NotFound("unknown user");
        }
        PasswdEntry e = entry.get();
        return new PassdbLookup.Found(e.password().isEmpty() ? null : file.stored(e), e.extraFields());
    }

    static String key(VariableTemplate format, LookupVars vars) {
        return format == null ? vars.user() : format.expand(vars);
    }
}
