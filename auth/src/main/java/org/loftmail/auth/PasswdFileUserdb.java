package org.loftmail.auth;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.model.UserId;

/**
 * {@code userdb { driver = passwd-file args = [username_format=F] FILE }}: a user's {@code uid},
 * {@code gid} and {@code home} columns, and the extra fields written {@code userdb_NAME=value}
 * (as {@code NAME}), from a Dovecot passwd-file. Empty columns are left out.
 */
public final class PasswdFileUserdb implements Userdb {
    private final PasswdFile file;
    private final VariableTemplate usernameFormat;

    /** @param usernameFormat the key to look up; null for the name as given */
    public PasswdFileUserdb(PasswdFile file, VariableTemplate usernameFormat) {
        this.file = file;
        this.usernameFormat = usernameFormat;
    }

    @Override
    public UserdbResult lookup(String user, String service) {
        Optional<PasswdEntry> entry;
        try {
            entry = file.lookup(PasswdFilePassdb.key(usernameFormat, new LookupVars(user, service, "", "")));
        } catch (UncheckedIOException e) {
            return new UserdbResult.Unavailable(e.getMessage());
        }
        if (entry.isEmpty()) {
            return new UserdbResult.NotFound();
        }
        PasswdEntry e = entry.get();
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "uid", e.uid());
        put(fields, "gid", e.gid());
        put(fields, "home", e.home());
        e.extraFields().forEach((k, v) -> {
            if (k.startsWith("userdb_") && k.length() > 7) {
                fields.put(k.substring(7), v);
            }
        });
        try {
            return new UserdbResult.Found(new UserId(user), fields);
        } catch (IllegalArgumentException ex) {
            return new UserdbResult.NotFound();
        }
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (!value.isEmpty()) {
            fields.put(key, value);
        }
    }
}
