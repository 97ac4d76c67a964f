package org.loftmail.dbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.core.store.StorageException;

/** The {@code storage/} directory: names, listing, open channels, directory fsync. */
final class DboxFiles implements AutoCloseable {
    private static final String PREFIX = "m.";

    private final Path dir;
    private final boolean fsync;
    private final ConcurrentHashMap<Integer, DboxFile> open = new ConcurrentHashMap<>();

    DboxFiles(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    Path path(int number) {
        return dir.resolve(PREFIX + number);
    }

    /** File numbers present on disk, ascending. Ignores anything not named {@code m.<n>}. */
    List<Integer> list() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                int n = parse(p.getFileName().toString());
                if (n > 0) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw StorageException.io("listing " + dir, e);
        }
        Collections.sort(out);
        return out;
    }

    private static int parse(String name) {
        String digits = name.substring(PREFIX.length());
        if (digits.isEmpty() || digits.length() > 9 || digits.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }

    /** The open file {@code number}; NOT_FOUND if it does not exist. */
    DboxFile get(int number) {
        try {
            return open.computeIfAbsent(number, n -> {
                try {
                    return new DboxFile(n, FileChannel.open(path(n), StandardOpenOption.READ, StandardOpenOption.WRITE));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw StorageException.notFound("blob file m." + number);
            }
            throw StorageException.io("opening m." + number, e.getCause());
        }
    }

    /** Creates file {@code number} (empty, replacing a stale one) and makes its name durable. */
    DboxFile create(int number) throws IOException {
        closeQuietly(open.remove(number));
        FileChannel ch = FileChannel.open(path(number), StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        DboxFile f = new DboxFile(number, ch);
        open.put(number, f);
        return f;
    }

    void delete(int number) throws IOException {
        closeQuietly(open.remove(number));
        Files.deleteIfExists(path(number));
    }

    /** Makes created, renamed and deleted names durable. */
    void syncDir() throws IOException {
        if (fsync) {
            syncDir(dir);
        }
    }

    static void syncDir(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void closeQuietly(DboxFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // Closing a read channel cannot lose data; nothing to report.
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(DboxFiles::closeQuietly);
        open.clear();
    }
}
