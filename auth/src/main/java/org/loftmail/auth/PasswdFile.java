package org.loftmail.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A passwd-file passdb in Dovecot's format. The file is re-read when its modification time
 * changes, so an admin can add users without a restart. Lines that cannot be parsed are skipped
 * and reported through {@link #problems()}, never fatal to the other users.
 */
public final class PasswdFile {
    private static final Logger LOG = LoggerFactory.getLogger(PasswdFile.class);
    private final Path file;
    private final PasswordFormat defaultFormat;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), List.of());

    private record Snapshot(FileTime modified, Map<String, PasswdEntry> users, List<String> problems) {
    }

    /** @param defaultFormat the scheme of passwords without a {@code {SCHEME}} prefix ({@code scheme=} in args) */
    public PasswdFile(Path file, PasswordFormat defaultFormat) {
        this.file = file;
        this.defaultFormat = defaultFormat;
    }

    public PasswdFile(Path file, PasswordScheme defaultScheme) {
        this(file, PasswordFormat.of(defaultScheme));
    }

    /** The user's entry, if the file has one. */
    public Optional<PasswdEntry> lookup(String user) {
        return Optional.ofNullable(current().users().get(user));
    }

    /** True if the user exists, may log in, and the password matches. */
    public boolean authenticate(String user, String password) {
        Optional<PasswdEntry> e = lookup(user);
        return e.isPresent() && !e.get().noLogin() && verify(e.get(), password);
    }

    /** The entry's password, read with this file's default scheme. */
    public StoredPassword stored(PasswdEntry entry) {
        return StoredPassword.parse(entry.password(), defaultFormat);
    }

    /** True if {@code password} matches the entry's, read with this file's default scheme. */
    public boolean verify(PasswdEntry entry, String password) {
        return StoredPassword.parse(entry.password(), defaultFormat).matches(password);
    }

    /**
     * Lines skipped at the last read and users whose password can never match (unknown scheme,
     * malformed hash), as {@code file:line: reason}.
     */
    public List<String> problems() {
        return current().problems();
    }

    private Snapshot current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Snapshot s = snapshot;
            if (!modified.equals(s.modified())) {
                s = read(modified);
                snapshot = s;
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passwd-file " + file, e);
        }
    }

    private Snapshot read(FileTime modified) throws IOException {
        Map<String, PasswdEntry> users = new HashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", 8);
            if (f[0].isEmpty()) {
                problems.add(file + ":" + (i + 1) + ": empty user name");
                continue;
            }
            Map<String, String> extra = new LinkedHashMap<>();
            if (f.length == 8) {
                for (String kv : f[7].trim().split("\\s+")) {
                    if (!kv.isEmpty()) {
                        int eq = kv.indexOf('=');
                        extra.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
                    }
                }
            }
            users.put(f[0], new PasswdEntry(f[0], field(f, 1), field(f, 2), field(f, 3), field(f, 5), extra));
            // The user stays known (a later passdb must not be asked instead) but cannot log in.
            String where = file + ":" + (i + 1) + ": user " + f[0] + ": ";
            StoredPassword.parse(field(f, 1), defaultFormat).problem().ifPresent(p -> problems.add(where + p));
        }
        // Logged at each read, so an admin editing the file sees the result of the edit.
        problems.forEach(p -> LOG.warn("passwd-file {}", p));
        return new Snapshot(modified, Map.copyOf(users), List.copyOf(problems));
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }
}
