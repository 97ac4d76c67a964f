package org.loftmail.auth.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.LookupVars;
import org.loftmail.auth.Passdb;
import org.loftmail.auth.PassdbLookup;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.StoredPassword;
import org.loftmail.auth.UserNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code passdb { driver = sql args = FILE }}: the row {@code password_query} returns, read as
 * Dovecot reads it. The {@code password} column is {@code {SCHEME}hash}, or a bare hash in
 * {@code default_pass_scheme}; NULL or empty is no password. Every other column is an extra
 * field ({@code user}, {@code nologin}, {@code reason}, {@code nopassword}, {@code allow_nets},
 * {@code userdb_*}, …) that {@link org.loftmail.auth.AuthChain} applies; NULL columns are fields
 * that are not set. No row is an unknown user; more than one is refused and logged, as Dovecot
 * does. A database that cannot answer is {@link PassdbLookup.Unavailable}, never a wrong password.
 */
public final class SqlPassdb implements Passdb {
    private static final Logger LOG = LoggerFactory.getLogger(SqlPassdb.class);

    private final SqlDatabase database;
    private final SqlQuery query;
    private final Optional<PasswordScheme> defaultScheme;

    public SqlPassdb(SqlDatabase database, SqlSettings settings) {
        this.database = database;
        this.query = settings.passwordQuery();
        this.defaultScheme = settings.defaultPassScheme();
    }

    @Override
    public PassdbLookup lookup(LookupVars vars) {
        if (!UserNames.plausible(vars.user())) {
            return new PassdbLookup.NotFound("invalid user name");
        }
        List<Map<String, String>> rows;
        try {
            rows = database.query(query, vars, 2);
        } catch (SqlUnavailableException e) {
            return new PassdbLookup.Unavailable(e.getMessage());
        }
        if (rows.isEmpty()) {
            return new PassdbLookup.NotFound("unknown user");
        }
        if (rows.size() > 1) {
            LOG.warn("sql({}): password_query returned multiple matches; refusing the login", vars.user());
            return new PassdbLookup.NotFound("password query returned multiple matches");
        }
        Map<String, String> row = rows.get(0);
        if (!row.containsKey("password") && !row.containsKey("nopassword")) {
            LOG.error("sql: password_query must return a column named password: {}", query);
            return new PassdbLookup.Unavailable("password_query returns no password column");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            if (value != null && !name.equals("password")) {
                fields.put(name, value);
            }
        });
        String stored = row.get("password");
        return new PassdbLookup.Found(stored == null || stored.isEmpty() ? null : password(vars.user(), stored), fields);
    }

    private StoredPassword password(String user, String stored) {
        if (!stored.startsWith("{") && defaultScheme.isEmpty()) {
            LOG.warn("sql({}): the password has no {SCHEME} prefix and default_pass_scheme is not implemented", user);
            return StoredPassword.unusable("no {SCHEME} prefix and an unknown default_pass_scheme");
        }
        // The default only applies without a {SCHEME} prefix; PLAIN stands in when it cannot apply.
        return StoredPassword.parse(stored, defaultScheme.orElse(PasswordScheme.PLAIN));
    }
}
