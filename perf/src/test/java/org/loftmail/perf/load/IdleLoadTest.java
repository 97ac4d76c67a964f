package org.loftmail.perf.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** 50 IDLE connections over 5 users (clients in a child JVM): every one hears of the new message. */
class IdleLoadTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void everyIdlingConnectionIsNotified() throws Exception {
        IdleLoad load = new IdleLoad();
        new CommandLine(load).parseArgs("--start-server", "--connections", "50", "--users", "5", "--dir",
                dir.toString(), "--client-jvm-opts", "-Xmx128m", "--notify-timeout", "10s");
        IdleReport report = load.run(System.out);

        assertEquals(50, report.opened().idling(), String.valueOf(report.opened().firstFailure()));
        assertEquals(50, report.notified().notified());
        assertTrue(report.notified().all() > 0);
        assertTrue(report.serverHeap() > 0 && report.clientHeap() > 0, report.text());
    }
}
