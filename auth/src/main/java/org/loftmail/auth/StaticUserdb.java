package org.loftmail.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.model.UserId;

/**
 * {@code userdb { driver = static args = uid=vmail gid=vmail home=/var/mail/%d/%n }}: the same
 * fields for every user, with Dovecot's variables filled in. It answers for any name, so outside
 * a login (LMTP) the passdbs say whether the user exists, unless {@code allow_all_users = yes}
 * (see {@link AuthChain.UserdbStep#passdbChecksExistence()}).
 */
public final class StaticUserdb implements Userdb {
    private final Map<String, VariableTemplate> fields;
    private final boolean allowAllUsers;

    private StaticUserdb(Map<String, VariableTemplate> fields, boolean allowAllUsers) {
        this.fields = fields;
        this.allowAllUsers = allowAllUsers;
    }

    /**
     * Reads the {@code args}: space-separated {@code key=value} pairs, plus {@code allow_all_users=yes|no}.
     *
     * @throws IllegalArgumentException naming what is wrong (a word without {@code =}, an unknown variable)
     */
    public static StaticUserdb parse(String args) {
        Map<String, VariableTemplate> fields = new LinkedHashMap<>();
        boolean allowAll = false;
        for (String word : args.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("static userdb: '" + word + "' is not key=value");
            }
            String key = word.substring(0, eq);
            String value = word.substring(eq + 1);
            if (key.equals("allow_all_users")) {
                allowAll = switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "yes", "y", "1", "true" -> true;
                    case "no", "n", "0", "false" -> false;
                    default -> throw new IllegalArgumentException("static userdb: allow_all_users must be yes or no");
                };
            } else {
                fields.put(key, VariableTemplate.parse(value));
            }
        }
        return new StaticUserdb(java.util.Collections.unmodifiableMap(fields), allowAll);
    }

    /** {@code allow_all_users = yes}: every name exists, no passdb is asked. */
    public boolean allowAllUsers() {
        return allowAllUsers;
    }

    @Override
    public UserdbResult lookup(String user, String service) {
        LookupVars vars = new LookupVars(user, service, "", "");
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, v.expand(vars)));
        try {
            return new UserdbResult.Found(new UserId(user), out);
        } catch (IllegalArgumentException e) {
            return new UserdbResult.NotFound();
        }
    }
}
