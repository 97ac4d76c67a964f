package org.loftmail.perf.store;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loftmail.server.cli.Loft;

/**
 * Imports a generated mbox of N messages (default 100,000, 1–8 KB each) through
 * {@code loft admin import-mbox}, with fsync on, and reports messages/s and the peak heap.
 * Usage: {@code ImportBenchmark [messages] [workdir]}.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : BenchStores.tempDir();
        Files.createDirectories(dir);
        Path mbox = dir.resolve("import.mbox");
        long bytes = writeMbox(mbox, count);
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, "mail_location = dbox:" + dir.toAbsolutePath().resolve("mail") + "/%u\n");
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Loft.execute(new String[] {"admin", "import-mbox", "-c", conf.toString(), "-u", "importer",
            mbox.toString()}, out, System.err);
        double secs = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.print(out.toString(StandardCharsets.UTF_8));
        System.out.printf("import: exit=%d messages=%d mbox=%.1f MB time=%.1f s rate=%.0f msg/s peak_heap=%.0f MB "
                + "max_heap=%.0f MB%n", exit, count, bytes / 1e6, secs, count / secs, peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        if (args.length < 2) {
            BenchStores.delete(dir);
        }
    }

    private static long writeMbox(Path file, int count) throws IOException {
        long total = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                byte[] sep = ("From sender@example.org Mon Nov  2 10:00:00 2026\n").getBytes(StandardCharsets.US_ASCII);
                byte[] body = new String(BenchStores.message(i, 1024 + (i * 7919) % 7168).toByteArray(),
                        StandardCharsets.US_ASCII).replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
                out.write(sep);
                out.write(body);
                out.write('\n');
                total += sep.length + body.length + 1;
            }
        }
        return total;
    }
}
