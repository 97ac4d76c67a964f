package org.loftmail.server.config;

import java.nio.file.Path;
import org.loftmail.core.model.UserId;

/**
 * {@code mail_location = dbox:<path>}: where each user's files live, with Dovecot's variables
 * {@code %u} (user), {@code %n} (local part), {@code %d} (domain), {@code %%}, and the long forms
 * {@code %{user}}, {@code %{username}}, {@code %{domain}}, and Dovecot's {@code L} (lower-case) and
 * {@code U} (upper-case) modifiers as in {@code %Ld/%Ln}. Relative paths are relative to the
 * working directory. Options after a second ':' (Dovecot's {@code :INDEX=…}) are not supported.
 */
public record MailLocation(String template) {
    private static final java.util.regex.Pattern PER_USER =
            java.util.regex.Pattern.compile("%[LU]?(u|n|\\{user}|\\{username})");

    public static MailLocation parse(String value, Origin origin) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new ConfigException(origin, "mail_location must look like 'dbox:/path/%d/%n', got '" + value + "'");
        }
        String format = value.substring(0, colon);
        String path = value.substring(colon + 1);
        if (!format.equals("dbox") && !format.equals("mdbox") && !format.equals("sdbox")) {
            throw new ConfigException(origin, "mail_location format '" + format
                    + "' is not supported yet; use dbox:<path>");
        }
        if (path.isEmpty() || path.contains(":")) {
            throw new ConfigException(origin, "mail_location path must be a plain path (no ':' options)");
        }
        if (!PER_USER.matcher(path).find()) {
            throw new ConfigException(origin, "mail_location must contain %u or %n, else all users share one store");
        }
        return new MailLocation(path);
    }

    /** The user's directory. UserId forbids '/', '%' and leading dots, so no user escapes the tree. */
    public Path userDir(UserId user) {
        StringBuilder sb = new StringBuilder();
        String t = template;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '%' || i + 1 >= t.length()) {
                sb.append(c);
                continue;
            }
            char v = t.charAt(++i);
            java.util.function.UnaryOperator<String> modifier = x -> x;
            if ((v == 'L' || v == 'U') && i + 1 < t.length()) {
                modifier = v == 'L' ? x -> x.toLowerCase(java.util.Locale.ROOT) : x -> x.toUpperCase(java.util.Locale.ROOT);
                v = t.charAt(++i);
            }
            if (v == '{') {
                int end = t.indexOf('}', i);
                if (end < 0) {
                    throw new ConfigException("mail_location has an unterminated %{ variable");
                }
                sb.append(modifier.apply(variable(t.substring(i + 1, end), user)));
                i = end;
            } else {
                sb.append(modifier.apply(variable(String.valueOf(v), user)));
            }
        }
        return Path.of(sb.toString()).normalize();
    }

    private static String variable(String name, UserId user) {
        return switch (name) {
            case "u", "user" -> user.name();
            case "n", "username" -> user.localPart();
            case "d", "domain" -> user.domain();
            case "%" -> "%";
            default -> throw new ConfigException("mail_location uses unsupported variable %" + name);
        };
    }
}
