package org.loftmail.dbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.loftmail.core.model.MailboxGuid;
import org.loftmail.core.model.MailboxName;
import org.loftmail.core.model.SpecialUse;
import org.loftmail.core.store.MailboxInfo;
import org.loftmail.core.store.StorageException;

/**
 * {@code storage/mailboxes}: the mailbox list rebuild needs (names are not in the records).
 * UTF-8 text so an operator can read it; replaced atomically by write, fsync, rename, fsync dir.
 */
final class MailboxListFile {
    static final String NAME = "mailboxes";
    static final String TEMP = "mailboxes.tmp";
    private static final String HEADER = "loft-mailboxes 1";

    private final Path dir;
    private final boolean fsync;

    MailboxListFile(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    synchronized void write(List<MailboxInfo> mailboxes) {
        Path tmp = dir.resolve(TEMP);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream os = Channels.newOutputStream(ch);
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                w.write(HEADER);
                w.write('\n');
                for (MailboxInfo m : mailboxes) {
                    w.write(line(m));
                    w.write('\n');
                }
                w.flush();
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                DboxFiles.syncDir(dir);
            }
        } catch (IOException e) {
            throw StorageException.io("writing " + dir.resolve(NAME), e);
        }
    }

    /** The list last written; a leftover temp file from a crashed write is ignored. */
    synchronized List<MailboxInfo> read() {
        Path file = dir.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw StorageException.io("reading " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw corrupt(file, 1, "missing header '" + HEADER + "'");
        }
        List<MailboxInfo> out = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            try {
                out.add(parse(lines.get(i)));
            } catch (RuntimeException e) {
                throw corrupt(file, i + 1, e.getMessage());
            }
        }
        return out;
    }

    private static StorageException corrupt(Path file, int line, String why) {
        return new StorageException(StorageException.Kind.CORRUPT, file + " line " + line + ": " + why);
    }

    /** guid uidvalidity uidnext highestmodseq special-use name; the name last as it may hold spaces. */
    static String line(MailboxInfo m) {
        String uses = m.specialUse().isEmpty() ? "-"
                : m.specialUse().stream().sorted().map(SpecialUse::name).collect(Collectors.joining(","));
        return m.guid() + " " + m.uidValidity() + " " + m.uidNext() + " " + m.highestModSeq() + " " + uses
                + " " + escape(m.name().value());
    }

    static MailboxInfo parse(String line) {
        String[] f = line.split(" ", 6);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields");
        }
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        if (!f[4].equals("-")) {
            for (String u : f[4].split(",")) {
                uses.add(SpecialUse.valueOf(u));
            }
        }
        return new MailboxInfo(MailboxGuid.parse(f[0]), new MailboxName(unescape(f[5])), Long.parseLong(f[1]),
                Long.parseLong(f[2]), Long.parseLong(f[3]), uses);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == s.length()) {
                throw new IllegalArgumentException("dangling backslash");
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> throw new IllegalArgumentException("unknown escape \\" + s.charAt(i));
            }
        }
        return b.toString();
    }
}
