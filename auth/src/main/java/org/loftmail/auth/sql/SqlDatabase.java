package org.loftmail.auth.sql;

import org.loftmail.auth.LookupVars;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool behind one dovecot-sql.conf.ext file; the passdb and the userdb built from
 * the same file share it, as Dovecot shares one connection for identical {@code args}.
 *
 * <p>Timeouts are short so that a database that is away turns into {@link SqlUnavailableException}
 * in seconds instead of holding logins: a connection is waited for {@code connect_timeout} (2 s by
 * default), a query runs at most {@value #QUERY_TIMEOUT_SECONDS} s, and the socket gives up a little
 * after that in case the server vanished without closing it. The pool checks a connection before
 * handing it out and opens new ones as needed, so lookups work again by themselves once the
 * database is back (within a few seconds: the pool's reconnect loop backs off to at most 5 s);
 * nothing has to be restarted, and Loft starts even while the database is down.
 */
public final class SqlDatabase implements AutoCloseable {
    public static final int QUERY_TIMEOUT_SECONDS = 5;
    /** Beyond the query timeout: the driver's cancel needs the server, a dead peer needs the socket timeout. */
    private static final int SOCKET_TIMEOUT_SECONDS = QUERY_TIMEOUT_SECONDS + 5;
    private static final Logger LOG = LoggerFactory.getLogger(SqlDatabase.class);

    private final String name;
    private final HikariDataSource pool;

    public SqlDatabase(SqlDriver driver, SqlConnect connect) {
        this.name = driver.dovecotName() + "://" + String.join(",", connect.hosts())
                + (connect.port() == 0 ? "" : ":" + connect.port()) + "/" + connect.dbname();
        HikariConfig config = new HikariConfig();
        config.setPoolName("loft-sql " + name);
        config.setJdbcUrl(jdbcUrl(driver, connect));
        if (!connect.user().isEmpty()) {
            config.setUsername(connect.user());
        }
        if (!connect.password().isEmpty()) {
            config.setPassword(connect.password());
        }
        config.setMaximumPoolSize(connect.maxConns());
        // No background refill: the pool opens connections only while a lookup waits for one. Its
        // retry loop backs off to 5 s between attempts when it runs on its own during an outage, which
        // would keep logins failing for seconds after the database is back; a retry loop started by a
        // waiting lookup begins with short sleeps. Idle connections are kept (idle timeout 0) so a quiet
        // server does not pay a reconnect on its next login.
        config.setMinimumIdle(0);
        config.setIdleTimeout(0);
        config.setConnectionTimeout(connect.connectTimeoutMs());
        config.setValidationTimeout(Math.max(250, Math.min(1000, connect.connectTimeoutMs() / 2)));
        // Idle connections are pinged so a database restart is noticed before a login needs them.
        config.setKeepaliveTime(30_000);
        // Start even when the database is down: lookups fail as "unavailable" until it is back.
        config.setInitializationFailTimeout(-1);
        driverProperties(driver, connect).forEach(config::addDataSourceProperty);
        this.pool = new HikariDataSource(config);
    }

    /** A pool for {@code settings}' database. */
    public static SqlDatabase open(SqlSettings settings) {
        return new SqlDatabase(settings.driver(), settings.connect());
    }

    static String jdbcUrl(SqlDriver driver, SqlConnect connect) {
        int port = connect.port() == 0 ? driver.defaultPort() : connect.port();
        String hosts = connect.hosts().stream()
                .map(h -> h.indexOf(':') >= 0 ? "[" + h + "]:" + port : h + ":" + port)
                .collect(Collectors.joining(","));
        if (driver == SqlDriver.MYSQL) {
            return "jdbc:mariadb:" + (connect.hosts().size() > 1 ? "loadbalance:" : "") + "//" + hosts + "/"
                    + connect.dbname();
        }
        return "jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(connect.dbname(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> driverProperties(SqlDriver driver, SqlConnect connect) {
        Map<String, String> p = new LinkedHashMap<>();
        if (driver == SqlDriver.MYSQL) {
            p.put("connectTimeout", String.valueOf(connect.connectTimeoutMs()));
            p.put("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS * 1000));
        } else {
            String connectSeconds = String.valueOf(Math.max(1, (connect.connectTimeoutMs() + 999) / 1000));
            p.put("connectTimeout", connectSeconds);
            p.put("loginTimeout", connectSeconds);
            p.put("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
            // A bound string then takes its type from where it stands, as the quoted literal it replaces did.
            p.put("stringtype", "unspecified");
            p.put("ApplicationName", "loft");
            if (connect.hosts().size() > 1) {
                p.put("loadBalanceHosts", "true");
            }
            if (!connect.sslMode().isEmpty()) {
                p.put("sslmode", connect.sslMode());
            }
        }
        return p;
    }

    /**
     * Runs {@code query} with {@code vars} bound to its parameters.
     *
     * @param maxRows at most this many rows are read (0: all)
     * @return the rows; each maps the lower-cased column label to its value (null for SQL NULL), in column order
     * @throws SqlUnavailableException when the database cannot answer now
     */
    public List<Map<String, String>> query(SqlQuery query, LookupVars vars, int maxRows) {
        List<String> params = query.bind(vars);
        for (int attempt = 1; ; attempt++) {
            Connection connection;
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw unavailable("no connection to " + name + " within " + pool.getConnectionTimeout() + " ms", e);
            }
            try (connection; PreparedStatement st = connection.prepareStatement(query.jdbcSql())) {
                st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                st.setMaxRows(maxRows);
                for (int i = 0; i < params.size(); i++) {
                    st.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    return rows(rs);
                }
            } catch (SQLException e) {
                // A pooled connection the server has since closed fails on first use; the pool
                // drops it, and a fresh one answers (or the outage shows as a connection timeout).
                if (attempt == 1 && brokenConnection(e)) {
                    LOG.info("{}: connection lost ({}), retrying once", name, e.getMessage());
                    continue;
                }
                throw unavailable("query failed on " + name + ": " + query.source(), e);
            }
        }
    }

    private static boolean brokenConnection(SQLException e) {
        if (e instanceof SQLTimeoutException) {
            return false;
        }
        String state = e.getSQLState();
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || (state != null && state.startsWith("08"));
    }

    private static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<Map<String, String>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= columns; i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return rows;
    }

    private SqlUnavailableException unavailable(String message, SQLException e) {
        String full = message + ": " + e.getMessage();
        LOG.warn("{}", full);
        return new SqlUnavailableException(full, e);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
