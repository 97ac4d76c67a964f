package org.loftmail.auth.sql;

import org.loftmail.auth.VariableTemplate;
import org.loftmail.auth.LookupVars;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dovecot query ({@code password_query}, {@code user_query}, {@code iterate_query}) turned into a
 * JDBC prepared statement.
 *
 * <p>Dovecot pastes each variable into the SQL text after escaping it for the driver. Loft instead
 * replaces every string literal that holds a variable with a {@code ?} and binds the literal's
 * expanded text as a parameter: {@code WHERE email = '%u'} becomes {@code WHERE email = ?} bound to
 * the login name, {@code '/srv/%d/%n'} becomes {@code ?} bound to {@code /srv/example.com/alice}.
 * The user name then never passes through the SQL parser, so no escaping rule (MySQL's backslashes,
 * {@code NO_BACKSLASH_ESCAPES}, multi-byte charsets, PostgreSQL's
 * {@code standard_conforming_strings}) can be got wrong. The price is that a variable outside
 * quotes has no literal to become: such queries are refused when the file is read, with a hint to
 * quote the variable, as every Dovecot example does anyway.
 */
public final class SqlQuery {
    private final String source;
    private final String jdbcSql;
    private final List<VariableTemplate> parameters;

    private SqlQuery(String source, String jdbcSql, List<VariableTemplate> parameters) {
        this.source = source;
        this.jdbcSql = jdbcSql;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Reads {@code sql} with {@code driver}'s quoting rules.
     *
     * @throws IllegalArgumentException for an unknown variable, a variable outside quotes, a
     *                                  {@code ?} outside quotes or an unterminated literal
     */
    public static SqlQuery compile(String sql, SqlDriver driver) {
        StringBuilder out = new StringBuilder(sql.length());
        List<VariableTemplate> params = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || (c == '"' && driver.doubleQuotesAreStrings())) {
                boolean escapePrefix = !driver.backslashEscapesInStrings() && hasEscapePrefix(sql, i);
                StringBuilder value = new StringBuilder();
                int end = readString(sql, i, driver.backslashEscapesInStrings() || escapePrefix, value);
                if (VariableTemplate.hasVariables(value.toString())) {
                    if (escapePrefix) {
                        out.setLength(out.length() - 1);
                    }
                    out.append('?');
                    params.add(VariableTemplate.parse(value.toString()));
                } else {
                    out.append(sql, i, end);
                }
                i = end;
            } else if (c == '"' || c == '`') {
                int end = readName(sql, i);
                if (sql.substring(i, end).indexOf('%') >= 0) {
                    throw new IllegalArgumentException("a variable inside the quoted name " + sql.substring(i, end)
                            + " cannot be a query parameter; use a string literal in single quotes");
                }
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                int end = nl < 0 ? sql.length() : nl;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                int end = close < 0 ? sql.length() : close + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '%') {
                if (sql.startsWith("%%", i)) {
                    out.append('%');
                    i += 2;
                    continue;
                }
                String var = sql.substring(i, Math.min(sql.length(), i + 2));
                throw new IllegalArgumentException("variable " + var + " is outside quotes; write '" + var
                        + "' (Loft passes variables as query parameters, which must be string literals)");
            } else if (c == '?') {
                throw new IllegalArgumentException("'?' outside quotes is not allowed (it marks query parameters)");
            } else {
                out.append(c);
                i++;
            }
        }
        return new SqlQuery(sql, out.toString(), params);
    }

    /** PostgreSQL's {@code E'...'} literals read backslash escapes; the E must start a token. */
    private static boolean hasEscapePrefix(String sql, int quote) {
        if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
            return false;
        }
        return quote == 1 || !isNameChar(sql.charAt(quote - 2));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Reads the literal opened at {@code start} into {@code value}; returns the index after it. */
    private static int readString(String sql, int start, boolean backslashes, StringBuilder value) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && backslashes && i + 1 < sql.length()) {
                value.append(unescape(sql.charAt(i + 1)));
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated string " + sql.substring(start));
    }

    /** MySQL's backslash escapes (a subset of PostgreSQL's E'' ones); {@code \%} and {@code \_} stay as LIKE escapes. */
    private static String unescape(char c) {
        switch (c) {
            case '0': return "\0";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'Z': return "\u001a";
            case '%': return "\\%";
            case '_': return "\\_";
            default:
                if (Character.isDigit(c) && c != '0' || c == 'x' || c == 'u' || c == 'U') {
                    throw new IllegalArgumentException("numeric escape \\" + c + " in a string with variables"
                            + " is not supported; write the character itself");
                }
                return String.valueOf(c);
        }
    }

    private static int readName(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated quoted name " + sql.substring(start));
    }

    /** The query as the file wrote it. */
    public String source() {
        return source;
    }

    /** The SQL handed to {@code prepareStatement}, with a {@code ?} for each literal that holds variables. */
    public String jdbcSql() {
        return jdbcSql;
    }

    /** The values of the {@code ?} parameters, in order, for one lookup. */
    public List<String> bind(LookupVars vars) {
        List<String> values = new ArrayList<>(parameters.size());
        for (VariableTemplate t : parameters) {
            values.add(t.expand(vars));
        }
        return values;
    }

    @Override
    public String toString() {
        return source;
    }
}
