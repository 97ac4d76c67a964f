package org.loftmail.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code loft} command line as an operator uses it, in-process, against real files. */
class LoftCliTest {
    @TempDir
    Path dir;
    Path config;

    record Result(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Result loft(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Loft.execute(args, out, err);
        return new Result(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("loft.conf");
        Files.writeString(config, "mail_location = dbox:" + dir.resolve("mail") + "/%d/%n\n");
    }

    private Path mbox() throws IOException {
        Path mbox = dir.resolve("in.mbox");
        Files.writeString(mbox, "From a@x Mon Jan  6 10:00:00 2025\nFrom: a@x\nSubject: first\nStatus: RO\n\nhello\n\n"
                + "From b@x Tue Jan  7 11:00:00 2025\nFrom: b@x\nSubject: second\n\n>From quoted\nbye\n\n"
                + "From c@x Wed Jan  8 12:00:00 2025\nFrom: c@x\nSubject: third\n\nthird body\n");
        return mbox;
    }

    @Test
    void importListStatusFetchRebuild() throws IOException {
        String c = config.toString();
        Result imp = loft("admin", "import-mbox", "--config", c, "--user", "ann@example.org", mbox().toString());
        assertEquals(0, imp.exit(), imp.err());
        assertTrue(imp.text().startsWith("imported 3 messages"), imp.text());
        Result imp2 = loft("admin", "import-mbox", "-c", c, "-u", "ann@example.org", "-m", "Lists/loft",
                mbox().toString());
        assertEquals(0, imp2.exit(), imp2.err());

        Result list = loft("admin", "mailbox-list", "-c", c, "-u", "ann@example.org");
        assertEquals("INBOX\nLists\nLists/loft\n", list.text());

        Result status = loft("admin", "mailbox-status", "-c", c, "-u", "ann@example.org");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.text().matches("messages=3 unseen=2 uidvalidity=\\d+ uidnext=4 highestmodseq=\\d+ vsize=\\d+\n"),
                status.text());

        Result fetch = loft("admin", "fetch", "-c", c, "-u", "ann@example.org", "-m", "INBOX", "--uid", "2");
        assertEquals(0, fetch.exit(), fetch.err());
        assertArrayEquals("From: b@x\nSubject: second\n\nFrom quoted\nbye\n".getBytes(StandardCharsets.UTF_8),
                fetch.out());

        Result rebuild = loft("admin", "rebuild", "-c", c, "-u", "ann@example.org");
        assertEquals(0, rebuild.exit(), rebuild.err());
        assertTrue(rebuild.text().startsWith("rebuilt ann@example.org: mailboxes=3 messages=6"), rebuild.text());
        assertEquals(status.text().replaceAll("highestmodseq=\\d+ ", ""),
                loft("admin", "mailbox-status", "-c", c, "-u", "ann@example.org").text()
                        .replaceAll("highestmodseq=\\d+ ", ""));
        assertTrue(Files.isDirectory(dir.resolve("mail/example.org/ann")), "mail_location %d/%n was applied");
    }

    private static void assertOneLineError(Result r, int exit, String contains) {
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().contains(contains), r.err());
        assertEquals(1, r.err().lines().count(), "one line, got: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badArgumentsGiveOneLineAndNonZeroExit() throws IOException {
        String c = config.toString();
        assertOneLineError(loft(), 2, "missing command");
        assertOneLineError(loft("admin"), 2, "missing command");
        assertOneLineError(loft("admin", "mailbox-status", "-c", c), 2, "--user");
        assertOneLineError(loft("admin", "fetch", "-c", c, "-u", "x", "-m", "INBOX", "--uid", "abc"), 2, "--uid");
        assertOneLineError(loft("frobnicate"), 2, "frobnicate");
        assertOneLineError(loft("admin", "mailbox-status", "-c", c, "-u", "nobody"), 1, "has no mail store");
        assertOneLineError(loft("admin", "mailbox-status", "-c", c, "-u", "../etc"), 1, "bad user name");
        loft("admin", "import-mbox", "-c", c, "-u", "ann", mbox().toString());
        assertOneLineError(loft("admin", "mailbox-status", "-c", c, "-u", "ann", "-m", "Nope"), 1, "no mailbox 'Nope'");
        assertOneLineError(loft("admin", "mailbox-status", "-c", c, "-u", "ann", "-m", "../x"), 1, "bad mailbox name");
        assertOneLineError(loft("admin", "fetch", "-c", c, "-u", "ann", "-m", "INBOX", "--uid", "99"), 1,
                "no message with UID 99");
        assertOneLineError(loft("admin", "import-mbox", "-c", c, "-u", "ann", dir.resolve("missing").toString()), 1,
                "no such file");
        assertOneLineError(loft("admin", "import-mbox", "-c", c, "-u", "ann", config.toString()), 1,
                "not an mbox file");
        assertOneLineError(loft("run", "--config", dir.resolve("nope.conf").toString()), 1, "cannot read");
        Files.writeString(config, "mail_location = dbox:/tmp/%u\nbogus_setting = 1\n");
        assertOneLineError(loft("admin", "mailbox-list", "-c", c, "-u", "ann"), 1,
                c + ":2: unknown setting 'bogus_setting'");
    }

    @Test
    void helpWorks() {
        Result r = loft("admin", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.text().contains("import-mbox"));
    }
}
