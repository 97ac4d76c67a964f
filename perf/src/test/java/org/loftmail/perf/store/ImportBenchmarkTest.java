package org.loftmail.perf.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import benchmark works end to end on a small mbox (the real run uses 100,000 messages). */
class ImportBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void importsEveryGeneratedMessage() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ImportBenchmark.main(new String[] {"200", dir.toString()});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("imported 200 messages"), text);
        assertTrue(text.contains("import: exit=0 messages=200"), text);
    }
}
