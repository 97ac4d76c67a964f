package org.loftmail.auth;

import java.util.Map;

/**
 * One line of a Dovecot passwd-file: {@code user:password:uid:gid:gecos:home:shell:extra_fields}.
 * Empty fields are empty strings; extra fields are {@code key=value} (a bare key maps to "").
 */
public record PasswdEntry(String user, String password, String uid, String gid, String home,
                          Map<String, String> extraFields) {
    public PasswdEntry {
        extraFields = Map.copyOf(extraFields);
    }

    /** Dovecot's {@code nologin} extra field: the user may not log in (with {@code reason}). */
    public boolean noLogin() {
        return extraFields.containsKey("nologin");
    }
}
