package org.loftmail.auth.sql;

import org.loftmail.core.config.DovecotSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.auth.PasswordScheme;

/**
 * A Dovecot {@code dovecot-sql.conf.ext} file, the {@code args} of {@code passdb/userdb { driver = sql }},
 * read by Dovecot's rules:
 * <ul>
 *   <li>{@code key = value} lines; blank lines and lines starting with {@code #} are skipped;
 *   {@code #} after whitespace and outside quotes starts a comment;</li>
 *   <li>a line ending in {@code \} continues on the next one (joined with one space, the next
 *   line's indentation dropped; blank and comment lines in between are skipped). This is the only
 *   way a value spans lines: Dovecot has no "until the next key" rule, and a line without
 *   {@code =} is an error;</li>
 *   <li>a value wholly in {@code "..."} or {@code '...'} is unquoted, backslash escaping the next character.</li>
 * </ul>
 * Missing queries take Dovecot's defaults, and a missing {@code default_pass_scheme} is Dovecot's
 * {@code MD5} (MD5-CRYPT), so a file that works with Dovecot means the same here.
 *
 * @param defaultPassScheme the scheme of stored passwords without a {@code {SCHEME}} prefix;
 *                          empty when the named scheme is not implemented (such passwords never match)
 */
public record SqlSettings(SqlDriver driver, SqlConnect connect, Optional<PasswordScheme> defaultPassScheme,
                          SqlQuery passwordQuery, SqlQuery userQuery, SqlQuery iterateQuery) {
    static final String DEFAULT_PASSWORD_QUERY =
            "SELECT username, domain, password FROM users WHERE username = '%n' AND domain = '%d'";
    static final String DEFAULT_USER_QUERY = "SELECT home, uid, gid FROM users WHERE username = '%n' AND domain = '%d'";
    static final String DEFAULT_ITERATE_QUERY = "SELECT username, domain FROM users";
    static final String DEFAULT_PASS_SCHEME = "MD5";

    /** Keys Dovecot has that Loft reads and ignores: updating credentials is not supported. */
    private static final List<String> IGNORED = List.of("update_query", "userdb_warning_disable");
    private static final List<String> KNOWN = List.of("driver", "connect", "default_pass_scheme",
            "password_query", "user_query", "iterate_query");

    private record Line(String value, int number) {
    }

    /** @throws SqlSettingsException with the file and line of the first problem */
    public static SqlSettings read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SqlSettingsException("cannot read " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; {@code origin} names it in error messages. */
    public static SqlSettings parse(String text, String origin) {
        Map<String, Line> values = readLines(text, origin);
        Line driverLine = values.get("driver");
        if (driverLine == null) {
            throw new SqlSettingsException(origin + ": driver is not set (mysql or pgsql)");
        }
        SqlDriver driver = SqlDriver.byName(driverLine.value()).orElseThrow(() -> error(origin, driverLine,
                "driver '" + driverLine.value() + "' is not supported (Loft has mysql and pgsql)"));
        Line connectLine = values.get("connect");
        if (connectLine == null) {
            throw new SqlSettingsException(origin + ": connect is not set (for example: connect = host=127.0.0.1 dbname=mail user=dovecot password=...)");
        }
        SqlConnect connect;
        try {
            connect = SqlConnect.parse(connectLine.value(), driver);
        } catch (IllegalArgumentException e) {
            throw error(origin, connectLine, e.getMessage());
        }
        Line schemeLine = values.get("default_pass_scheme");
        Optional<PasswordScheme> scheme;
        if (schemeLine == null) {
            scheme = PasswordScheme.byName(DEFAULT_PASS_SCHEME);
        } else {
            scheme = PasswordScheme.byName(schemeLine.value());
            if (scheme.isEmpty()) {
                throw error(origin, schemeLine, "unknown password scheme '" + schemeLine.value() + "'");
            }
        }
        return new SqlSettings(driver, connect, scheme,
                query(values, "password_query", DEFAULT_PASSWORD_QUERY, driver, origin),
                query(values, "user_query", DEFAULT_USER_QUERY, driver, origin),
                query(values, "iterate_query", DEFAULT_ITERATE_QUERY, driver, origin));
    }

    private static SqlQuery query(Map<String, Line> values, String key, String fallback, SqlDriver driver, String origin) {
        Line line = values.get(key);
        try {
            return SqlQuery.compile(line == null ? fallback : line.value(), driver);
        } catch (IllegalArgumentException e) {
            if (line == null) {
                throw new IllegalStateException("default " + key + " does not compile", e);
            }
            throw error(origin, line, key + ": " + e.getMessage());
        }
    }

    private static SqlSettingsException error(String origin, Line line, String message) {
        return new SqlSettingsException(origin + ":" + line.number() + ": " + message);
    }

    private static Map<String, Line> readLines(String text, String origin) {
        Map<String, Line> values = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder continued = new StringBuilder();
        int start = 0;
        for (int n = 1; n <= lines.length; n++) {
            String line = DovecotSyntax.withoutComment(lines[n - 1].strip()).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (continued.length() == 0) {
                start = n;
            }
            if (line.endsWith("\\")) {
                continued.append(line.substring(0, line.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            continued.append(line);
            keyValue(continued.toString(), new Line(null, start), origin, values);
            continued.setLength(0);
        }
        if (continued.length() > 0) {
            // The file ended after a trailing backslash: keep what was written rather than drop it.
            keyValue(continued.toString().strip(), new Line(null, start), origin, values);
        }
        return values;
    }

    private static void keyValue(String line, Line where, String origin, Map<String, Line> values) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
            end++;
        }
        String key = line.substring(0, end);
        String rest = line.substring(end).strip();
        if (key.startsWith("!include")) {
            throw error(origin, where, key + " is not supported in this file; put the settings here");
        }
        if (!rest.startsWith("=")) {
            throw error(origin, where, rest.endsWith("{")
                    ? "sections are not allowed in this file"
                    : "expected 'key = value', got '" + line + "' (a value continues on the next line only after a trailing \\)");
        }
        String value = unquote(rest.substring(1).strip());
        if (IGNORED.contains(key)) {
            return;
        }
        if (!KNOWN.contains(key)) {
            throw error(origin, where, "unknown setting '" + key + "' (known: " + String.join(", ", KNOWN) + ")");
        }
        values.put(key, new Line(value, where.number()));
    }

    private static String unquote(String value) {
        if (value.length() < 2) {
            return value;
        }
        char first = value.charAt(0);
        if ((first != '"' && first != '\'') || value.charAt(value.length() - 1) != first) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
                out.append(c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
