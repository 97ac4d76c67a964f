package org.loftmail.server.config;

import org.loftmail.core.config.DovecotSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Dovecot 2.3 configuration syntax: {@code key = value}, {@code type [name] {} … {@code }},
 * {@code !include} / {@code !include_try} (globs, relative to the including file), comments,
 * quoted values, {@code \} line continuation and {@code $key} references to earlier settings.
 * Only syntax is checked here; names are checked by {@link LoftConfig}.
 */
public final class ConfigParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern SECTION = Pattern.compile("([A-Za-z0-9_]+)(?:\\s+(.*?))?\\s*\\{");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+)");
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Deque<ConfigSection> stack = new ArrayDeque<>();

    private ConfigParser() {
    }

    /** Parses a file and everything it includes. */
    public static ConfigSection parse(Path file) {
        ConfigParser p = new ConfigParser();
        ConfigSection root = new ConfigSection("", "", new Origin(file.toString(), 0));
        p.stack.push(root);
        p.parseFile(file, null, false, 0);
        p.checkClosed(file.toString());
        return root;
    }

    /** Parses configuration text; {@code name} is used in error messages, includes resolve against {@code dir}. */
    public static ConfigSection parse(String text, String name, Path dir) {
        ConfigParser p = new ConfigParser();
        ConfigSection root = new ConfigSection("", "", new Origin(name, 0));
        p.stack.push(root);
        p.parseText(text, name, dir, 0);
        p.checkClosed(name);
        return root;
    }

    private void checkClosed(String name) {
        if (stack.size() > 1) {
            ConfigSection open = stack.peek();
            throw new ConfigException(open.origin(), "section '" + open.type() + "' is never closed with '}'");
        }
    }

    private void parseFile(Path file, Origin from, boolean optional, int depth) {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new ConfigException(from, "!include nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (optional) {
                return;
            }
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
            String msg = "cannot read " + file + ": " + why;
            throw from == null ? new ConfigException(msg) : new ConfigException(from, msg);
        }
        Path dir = file.toAbsolutePath().getParent();
        parseText(text, file.toString(), dir, depth);
    }

    private void parseText(String text, String name, Path dir, int depth) {
        String[] lines = text.split("\r?\n", -1);
        StringBuilder continued = null;
        int continuedFrom = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (continued != null) {
                continued.append(' ').append(line.strip());
                line = continued.toString();
            }
            if (line.endsWith("\\")) {
                if (continued == null) {
                    continuedFrom = i + 1;
                    continued = new StringBuilder(line.substring(0, line.length() - 1));
                } else {
                    continued.setLength(continued.length() - 1);
                }
                continue;
            }
            int lineNo = continued != null ? continuedFrom : i + 1;
            continued = null;
            parseLine(line, new Origin(name, lineNo), dir, depth);
        }
    }

    private void parseLine(String raw, Origin origin, Path dir, int depth) {
        String line = DovecotSyntax.withoutComment(raw).strip();
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("!include")) {
            include(line, origin, dir, depth);
            return;
        }
        if (line.equals("}")) {
            if (stack.size() == 1) {
                throw new ConfigException(origin, "'}' without a section to close");
            }
            stack.pop();
            return;
        }
        int eq = line.indexOf('=');
        int brace = line.indexOf('{');
        if (eq > 0 && (brace < 0 || eq < brace)) {
            String key = line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(origin, "invalid setting name '" + key + "'");
            }
            String value = unquote(line.substring(eq + 1).strip(), origin);
            stack.peek().put(new Setting(key, expand(value), origin));
            return;
        }
        Matcher m = SECTION.matcher(line);
        if (m.matches()) {
            String sectionName = m.group(2) == null ? "" : unquote(m.group(2).strip(), origin);
            ConfigSection s = new ConfigSection(m.group(1), sectionName, origin);
            stack.peek().add(s);
            stack.push(s);
            return;
        }
        throw new ConfigException(origin, "syntax error: expected 'key = value', 'section {', '}' or '!include', got '"
                + line + "'");
    }

    private void include(String line, Origin origin, Path dir, int depth) {
        boolean optional = line.startsWith("!include_try");
        String arg = line.substring(optional ? "!include_try".length() : "!include".length()).strip();
        if (arg.isEmpty()) {
            throw new ConfigException(origin, "!include needs a file name");
        }
        arg = unquote(arg, origin);
        Path target = dir == null ? Path.of(arg) : dir.resolve(arg);
        String fileName = target.getFileName().toString();
        if (fileName.contains("*") || fileName.contains("?")) {
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target.getParent(), fileName)) {
                ds.forEach(matches::add);
            } catch (IOException e) {
                if (!optional) {
                    throw new ConfigException(origin, "cannot list " + target.getParent());
                }
            }
            if (matches.isEmpty() && !optional) {
                throw new ConfigException(origin, "!include " + arg + ": no matching files");
            }
            matches.sort(null);
            for (Path p : matches) {
                parseFile(p, origin, optional, depth + 1);
            }
            return;
        }
        parseFile(target, origin, optional, depth + 1);
    }

    private static String unquote(String v, Origin origin) {
        if (v.length() >= 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            char q = v.charAt(0);
            if (v.length() < 2 || v.charAt(v.length() - 1) != q) {
                throw new ConfigException(origin, "unterminated quoted value");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return v;
    }

    /** {@code $key} is the value of an earlier root setting (Dovecot's {@code mail_plugins = $mail_plugins x}). */
    private String expand(String value) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        ConfigSection root = stack.peekLast();
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            // Unknown names stay as written: '$' also occurs in passwords and hashes.
            String replacement = root.setting(m.group(1)).map(Setting::value).orElse(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString().strip();
    }
}
