package org.loftmail.server.config;

import java.nio.file.Path;
import org.loftmail.core.model.UserId;

/**
 * {@code mail_location = dbox:<path>}: where each user's files live, with Dovecot's variables
 * {@code %u} (user), {@code %n} (local part), {@code %d} (domain), {@code %%}, and the long forms
 * {@code %{user}}, {@code %{username}}, {@code %{domain}}. Relative paths are relative to the
 * working directory. Options after a second ':' (Dovecot's {@code :INDEX=…}) are not supported.
 */
public record MailLocation(String template) {
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
        if (!path.contains("%u") && !path.contains("%n") && !path.contains("%{user}")
                && !path.contains("%{username}")) {
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
            if (v == '{') {
                int end = t.indexOf('}', i);
                if (end < 0) {
                    throw new ConfigException("mail_location has an unterminated %{ variable");
                }
                sb.append(variable(t.substring(i + 1, end), user));
                i = end;
            } else {
                sb.append(variable(String.valueOf(v), user));
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
