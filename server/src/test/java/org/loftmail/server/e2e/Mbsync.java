package org.loftmail.server.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loftmail.server.LoftTestServer;

/**
 * The {@code mbsync} program (Debian package {@code isync}) with a configuration that syncs one
 * Loft account over IMAPS with a local Maildir: every mailbox, both ways, creating and expunging
 * on both sides, state kept in the Maildir. {@code SSLType} (not 1.5's {@code TLSType}) because
 * Debian 12 has isync 1.4, and 1.5 still accepts it.
 */
final class Mbsync {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path rc;
    private final Path maildir;
    private final Path work;
    private int runs;

    /** The outcome of one run: exit code and everything mbsync printed. */
    record Run(int exitCode, String output) {
    }

    Mbsync(LoftTestServer server, LoftTestServer.User user, Path work) {
        this.work = work;
        this.maildir = work.resolve("Mail");
        this.rc = work.resolve("mbsyncrc");
        String text = """
                IMAPStore loft-remote
                Host %s
                Port %d
                User %s
                Pass "%s"
                SSLType IMAPS
                CertificateFile %s

                MaildirStore loft-local
                Path %s/
                Inbox %s
                SubFolders Verbatim

                Channel loft
                Far :loft-remote:
                Near :loft-local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *
                """.formatted(LoftTestServer.HOST, server.imaps().getPort(), user.name(), user.password(),
                server.certificate().toAbsolutePath(), maildir.toAbsolutePath(), inbox().toAbsolutePath());
        try {
            Files.createDirectories(maildir);
            Files.writeString(rc, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (does not skip) without mbsync: CI installs it, so a missing one is a broken machine. */
    static void requireInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mbsync"))) {
                return;
            }
        }
        fail("mbsync is not installed (PATH=" + System.getenv("PATH") + "). Install Debian's isync: "
                + "apt-get install -y isync (.ci/run does this before the build).");
    }

    /** The Maildir root; a mailbox {@code a/b} is the folder {@code a/b} below it. */
    Path maildir() {
        return maildir;
    }

    Path inbox() {
        return maildir.resolve("INBOX");
    }

    /** The Maildir folder of a Loft mailbox. */
    Path folder(String mailbox) {
        return mailbox.equals("INBOX") ? inbox() : maildir.resolve(mailbox);
    }

    /** {@code mbsync -a} with the IMAP exchange traced ({@code -Dn}); fails the test on a timeout. */
    Run syncAll() throws IOException, InterruptedException {
        Path out = work.resolve("mbsync-run-" + (++runs) + ".log");
        Process p = new ProcessBuilder(List.of("mbsync", "-Dn", "-c", rc.toString(), "-a"))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("mbsync did not finish within " + TIMEOUT_SECONDS + " s; its output:\n" + read(out));
        }
        return new Run(p.exitValue(), read(out));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
