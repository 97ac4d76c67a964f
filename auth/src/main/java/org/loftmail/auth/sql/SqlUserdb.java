package org.loftmail.auth.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.LookupVars;
import org.loftmail.auth.UserNames;
import org.loftmail.core.auth.Userdb;
import org.loftmail.core.auth.UserdbResult;
import org.loftmail.core.model.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code userdb { driver = sql args = FILE }}: a user's uid, gid, home, mail location, quota and
 * other fields from {@code user_query}, and the list of all users from {@code iterate_query}.
 */
public final class SqlUserdb implements Userdb {
    private static final Logger LOG = LoggerFactory.getLogger(SqlUserdb.class);

    private final SqlDatabase database;
    private final SqlQuery userQuery;
    private final SqlQuery iterateQuery;

    public SqlUserdb(SqlDatabase database, SqlSettings settings) {
        this.database = database;
        this.userQuery = settings.userQuery();
        this.iterateQuery = settings.iterateQuery();
    }

    /** Looks {@code user} up with only {@code %u}, {@code %n}, {@code %d} known. */
    public UserdbResult lookup(String user) {
        return lookup(LookupVars.forUser(user));
    }

    @Override
    public UserdbResult lookup(String user, String service) {
        return lookup(new LookupVars(user, service, "", ""));
    }

    /** Looks the user up with every variable of the lookup (service, addresses) available to the query. */
    public UserdbResult lookup(LookupVars vars) {
        if (!UserNames.plausible(vars.user())) {
            return new UserdbResult.NotFound();
        }
        List<Map<String, String>> rows;
        try {
            rows = database.query(userQuery, vars, 2);
        } catch (SqlUnavailableException e) {
            return new UserdbResult.Unavailable(e.getMessage());
        }
        if (rows.isEmpty()) {
            return new UserdbResult.NotFound();
        }
        if (rows.size() > 1) {
            // Dovecot treats this as an internal error, not as "no such user": the data is wrong.
            LOG.error("sql({}): user_query returned multiple matches", vars.user());
            return new UserdbResult.Unavailable("user_query returned multiple matches");
        }
        String user = vars.user();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : rows.get(0).entrySet()) {
            if (column.getValue() == null) {
                continue;
            }
            if (UserNames.isNameColumn(column.getKey())) {
                user = UserNames.rename(user, column.getKey(), column.getValue());
            } else {
                fields.put(column.getKey(), column.getValue());
            }
        }
        try {
            return new UserdbResult.Found(new UserId(user), fields);
        } catch (IllegalArgumentException e) {
            LOG.warn("sql: user_query gives an invalid user name '{}': {}", user, e.getMessage());
            return new UserdbResult.NotFound();
        }
    }

    /**
     * Every user {@code iterate_query} lists (its {@code user} column, or {@code username} and
     * {@code domain}), for {@code doveadm -A}-style commands.
     *
     * @throws SqlUnavailableException when the database cannot answer
     */
    public List<String> iterate() {
        List<String> users = new ArrayList<>();
        for (Map<String, String> row : database.query(iterateQuery, LookupVars.forUser(""), 0)) {
            String user = "";
            for (Map.Entry<String, String> column : row.entrySet()) {
                if (column.getValue() != null && UserNames.isNameColumn(column.getKey())) {
                    user = UserNames.rename(user, column.getKey(), column.getValue());
                }
            }
            if (!user.isEmpty()) {
                users.add(user);
            }
        }
        return users;
    }
}
