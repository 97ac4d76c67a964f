package org.loftmail.perf.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Short ImapLoad runs against an in-process server: every command of each workload runs without errors. */
class ImapLoadTest {
    @TempDir
    Path dir;

    private void run(String workload, Set<LoadCommand> commands) throws Exception {
        Path out = dir.resolve("load.md");
        ImapLoad load = new ImapLoad();
        // Half the sessions expunge, so EXPUNGE surely runs in 2.5 s; 4 clients on 2 users
        // share mailboxes, and their first logins race to create the special-use mailboxes.
        new CommandLine(load).parseArgs("--start-server", "--users", "2", "--clients", "4", "--duration", "2500ms",
                "--messages", "50", "--expunge-rate", "0.5", "--workload", workload, "--dir", dir.toString(),
                "--out", out.toString());
        LoadReport report = load.run(System.out);

        for (LoadCommand c : commands) {
            LoadReport.Row row = report.row(c);
            assertTrue(row.count() > 0, c + " never ran");
            assertEquals(0, row.errors(), c + ": " + report.firstErrors().get(c));
        }
        String md = Files.readString(out, StandardCharsets.UTF_8);
        for (LoadCommand c : commands) {
            assertTrue(md.contains("| " + c.label() + " |"), c + " row missing:\n" + md);
        }
        assertTrue(md.contains("| **total** (IMAP commands) |"), md);
    }

    @Test
    @Timeout(30)
    void mixed() throws Exception {
        run("MIXED", EnumSet.of(LoadCommand.CONNECT, LoadCommand.LOGIN, LoadCommand.SELECT, LoadCommand.NOOP,
                LoadCommand.FETCH_FLAGS, LoadCommand.FETCH_HEADER, LoadCommand.FETCH_BODY, LoadCommand.STORE,
                LoadCommand.APPEND, LoadCommand.EXPUNGE, LoadCommand.LOGOUT));
    }

    @Test
    @Timeout(30)
    void webmail() throws Exception {
        run("WEBMAIL", EnumSet.of(LoadCommand.LOGIN, LoadCommand.SELECT, LoadCommand.SORT, LoadCommand.FETCH_ENVELOPE,
                LoadCommand.THREAD, LoadCommand.SEARCH, LoadCommand.FETCH_BODY, LoadCommand.LOGOUT));
    }

    @Test
    @Timeout(30)
    void sync() throws Exception {
        run("SYNC", EnumSet.of(LoadCommand.LOGIN, LoadCommand.ENABLE, LoadCommand.SELECT_QRESYNC,
                LoadCommand.FETCH_FLAGS, LoadCommand.STORE, LoadCommand.NOOP, LoadCommand.FETCH_CHANGED,
                LoadCommand.LOGOUT));
    }
}
