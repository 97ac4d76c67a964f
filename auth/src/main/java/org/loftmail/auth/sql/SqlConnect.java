package org.loftmail.auth.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Dovecot's {@code connect} string: space-separated {@code key=value} pairs, a value in single or
 * double quotes when it holds spaces ({@code password='a b'}, backslash escapes the next
 * character, as libpq reads it). {@code host} may be repeated for several servers.
 *
 * @param hosts            host names or addresses (TCP; unix socket paths are refused)
 * @param port             0 for the driver's default
 * @param dbname           empty for the server's default
 * @param connectTimeoutMs how long a lookup waits for a connection before it is a temporary failure
 * @param maxConns         connections kept to the database (Dovecot's {@code maxconns}, default 5)
 * @param sslMode          pgsql's {@code sslmode}, empty for the driver's default
 */
public record SqlConnect(List<String> hosts, int port, String dbname, String user, String password,
                         int connectTimeoutMs, int maxConns, String sslMode) {
    /** Short on purpose: a login should hear "try again" in seconds when the database is away. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
    public static final int DEFAULT_MAX_CONNS = 5;

    public SqlConnect {
        hosts = List.copyOf(hosts);
    }

    /** @throws IllegalArgumentException naming the bad key or value */
    public static SqlConnect parse(String text, SqlDriver driver) {
        List<String> hosts = new ArrayList<>();
        int port = 0;
        String dbname = "";
        String user = "";
        String password = "";
        int connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        int maxConns = DEFAULT_MAX_CONNS;
        String sslMode = "";
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            int space = indexOfSpace(text, i);
            if (eq < 0 || (space >= 0 && space < eq)) {
                throw new IllegalArgumentException("connect: expected key=value at '" + text.substring(i) + "'");
            }
            String key = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            i = readValue(text, eq + 1, value);
            String v = value.toString();
            switch (key) {
                case "host":
                    if (v.startsWith("/")) {
                        // The JDBC drivers need native helpers for unix sockets; TCP needs nothing.
                        throw new IllegalArgumentException("connect: host=" + v
                                + ": unix sockets are not supported; use host=127.0.0.1 (or the server's name)");
                    }
                    hosts.add(v);
                    break;
                case "port":
                    port = number(key, v, 1, 65535);
                    break;
                case "dbname":
                    dbname = v;
                    break;
                case "user":
                    user = v;
                    break;
                case "password":
                    password = v;
                    break;
                case "connect_timeout":
                    connectTimeoutMs = number(key, v, 1, 3600) * 1000;
                    break;
                case "maxconns":
                    maxConns = number(key, v, 1, 1000);
                    break;
                case "sslmode":
                    if (driver != SqlDriver.PGSQL) {
                        throw new IllegalArgumentException("connect: sslmode is a pgsql option");
                    }
                    sslMode = v;
                    break;
                default:
                    throw new IllegalArgumentException("connect: unknown key '" + key
                            + "' (Loft knows host, port, dbname, user, password, connect_timeout, maxconns, sslmode)");
            }
        }
        if (hosts.isEmpty()) {
            hosts.add("localhost");
        }
        return new SqlConnect(hosts, port, dbname, user, password, connectTimeoutMs, maxConns, sslMode);
    }

    private static int indexOfSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int readValue(String text, int from, StringBuilder value) {
        if (from < text.length() && (text.charAt(from) == '\'' || text.charAt(from) == '"')) {
            char quote = text.charAt(from);
            int i = from + 1;
            while (i < text.length() && text.charAt(i) != quote) {
                if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                    i++;
                }
                value.append(text.charAt(i++));
            }
            if (i >= text.length()) {
                throw new IllegalArgumentException("connect: unterminated quoted value " + text.substring(from));
            }
            return i + 1;
        }
        int end = indexOfSpace(text, from);
        end = end < 0 ? text.length() : end;
        value.append(text, from, end);
        return end;
    }

    private static int number(String key, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("connect: " + key + "=" + v + " is not a number in " + min + ".." + max);
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "SqlConnect[hosts=" + hosts + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                + ", connectTimeoutMs=" + connectTimeoutMs + ", maxConns=" + maxConns + "]";
    }
}
