package org.loftmail.perf.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JMH annotation processor must run (on JDK 23+ it is ignored unless listed in
 * annotationProcessorPaths), or `java -jar … org.openjdk.jmh.Main` finds no benchmark at all.
 */
class BenchmarkListTest {
    @Test
    void everyStoreBenchmarkIsRegistered() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: the JMH annotation processor did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String b : new String[] {"AppendBenchmark_oneUser", "AppendBenchmark_ownUser",
                "StatusBenchmark_status", "StatusBenchmark_openUser", "ImapParseBenchmark_parse",
                "SortThreadBenchmark_sortDate", "SortThreadBenchmark_threadReferences",
                "SortThreadBenchmark_qresyncSelect"}) {
                assertTrue(list.contains(b), b + " is not in the benchmark list");
            }
        }
    }
}
