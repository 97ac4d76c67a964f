package org.loftmail.auth.sql;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.Cidr;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.StoredPassword;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.model.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code passdb { driver = sql args = FILE }}: checks a password against the row
 * {@code password_query} returns, reading its columns as Dovecot does:
 * <ul>
 *   <li>{@code password}: {@code {SCHEME}hash}, or a bare hash in {@code default_pass_scheme};
 *   NULL or empty refuses the login unless {@code nopassword} is set;</li>
 *   <li>{@code user} replaces the login name (so {@code SELECT email AS user} fixes its case);
 *   {@code username} and {@code domain} replace its parts;</li>
 *   <li>{@code nopassword}: any password is accepted (only when the password is NULL or empty);
 *   {@code nologin} (with {@code reason}):
 *   the user may not log in; {@code allow_nets}: the client's address must be in one of these blocks;</li>
 *   <li>{@code userdb_*} columns are kept for a prefetch userdb; other columns are ignored;</li>
 *   <li>a column that is NULL is a field that is not set.</li>
 * </ul>
 * No row is an unknown user; more than one row is refused and logged, as Dovecot does. A database
 * that cannot answer is {@link AuthResult.Unavailable}, never a wrong password.
 */
public final class SqlPassdb implements Authenticator {
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
    public AuthResult authenticate(AuthRequest request) {
        PassdbResult result = lookup(request);
        if (result instanceof PassdbResult.Accepted accepted) {
            return new AuthResult.Success(accepted.user());
        }
        if (result instanceof PassdbResult.Rejected rejected) {
            return new AuthResult.Failure(rejected.reason());
        }
        if (result instanceof PassdbResult.Refused refused) {
            return new AuthResult.Refused(refused.reason());
        }
        return new AuthResult.Unavailable(((PassdbResult.Unavailable) result).reason());
    }

    /** Checks the login and returns the {@code userdb_*} fields along with the verdict. */
    public PassdbResult lookup(AuthRequest request) {
        if (!UserNames.plausible(request.user())) {
            return new PassdbResult.Rejected("invalid user name");
        }
        List<Map<String, String>> rows;
        try {
            rows = database.query(query, LookupVars.of(request), 2);
        } catch (SqlUnavailableException e) {
            return new PassdbResult.Unavailable(e.getMessage());
        }
        if (rows.isEmpty()) {
            return new PassdbResult.Rejected("unknown user");
        }
        if (rows.size() > 1) {
            LOG.warn("sql({}): password_query returned multiple matches; refusing the login", request.user());
            return new PassdbResult.Rejected("password query returned multiple matches");
        }
        return check(request, rows.get(0));
    }

    private PassdbResult check(AuthRequest request, Map<String, String> row) {
        String user = request.user();
        boolean hasPasswordColumn = false;
        String password = null;
        boolean noPassword = false;
        boolean noLogin = false;
        String reason = null;
        String allowNets = null;
        Map<String, String> userdb = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : row.entrySet()) {
            String name = column.getKey();
            String value = column.getValue();
            hasPasswordColumn |= name.equals("password");
            if (value == null) {
                continue;
            }
            switch (name) {
                case "password": password = value; break;
                case "user": case "username": case "domain": user = UserNames.rename(user, name, value); break;
                case "nopassword": noPassword = true; break;
                case "nologin": noLogin = true; break;
                case "reason": reason = value; break;
                case "allow_nets": allowNets = value; break;
                default:
                    if (name.startsWith("userdb_")) {
                        userdb.put(name.substring("userdb_".length()), value);
                    }
            }
        }
        if (allowNets != null && !allowed(allowNets, request.remote())) {
            return new PassdbResult.Rejected("allow_nets check failed for " + request.remote());
        }
        if (noPassword && password != null && !password.isEmpty()) {
            // Dovecot's rule: the stored password wins, so a stray nopassword cannot open an account.
            LOG.warn("sql({}): nopassword set but password is non-empty; checking the password", request.user());
            noPassword = false;
        }
        if (noPassword) {
            LOG.debug("sql({}): nopassword: any password is accepted", request.user());
        } else if (!hasPasswordColumn) {
            LOG.error("sql: password_query must return a column named password: {}", query);
            return new PassdbResult.Unavailable("password_query returns no password column");
        } else if (password == null || password.isEmpty()) {
            return new PassdbResult.Rejected("empty password returned without nopassword");
        } else if (!matches(request, password)) {
            return new PassdbResult.Rejected("password mismatch");
        }
        if (noLogin) {
            return new PassdbResult.Refused(reason);
        }
        try {
            return new PassdbResult.Accepted(new UserId(user), userdb);
        } catch (IllegalArgumentException e) {
            return new PassdbResult.Rejected("invalid user name '" + user + "': " + e.getMessage());
        }
    }

    private boolean matches(AuthRequest request, String stored) {
        if (!stored.startsWith("{") && defaultScheme.isEmpty()) {
            LOG.warn("sql({}): the password has no {SCHEME} prefix and default_pass_scheme is not implemented",
                    request.user());
            return false;
        }
        // The default only applies without a {SCHEME} prefix; PLAIN stands in when it cannot apply.
        StoredPassword password = StoredPassword.parse(stored, defaultScheme.orElse(PasswordScheme.PLAIN));
        if (password.problem().isPresent()) {
            LOG.warn("sql({}): {}", request.user(), password.problem().get());
            return false;
        }
        return password.matches(request.password());
    }

    private static boolean allowed(String allowNets, InetAddress remote) {
        if (remote == null) {
            return false;
        }
        for (String block : allowNets.split("[,\\s]+")) {
            if (block.isEmpty()) {
                continue;
            }
            try {
                if (Cidr.parse(block).contains(remote)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("sql: allow_nets: {}", e.getMessage());
            }
        }
        return false;
    }
}
