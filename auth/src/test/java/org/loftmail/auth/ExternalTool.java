package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that makes password hashes independently of Loft. A missing program fails the
 * test, naming the Debian package: these tests exist to compare with other implementations, and a
 * skipped one would hide that nothing was compared.
 */
final class ExternalTool {
    private static final Map<String, String> PACKAGES = Map.of("openssl", "openssl", "mkpasswd", "whois",
            "htpasswd", "apache2-utils", "argon2", "argon2", "python3", "python3");

    private ExternalTool() {
    }

    /** The command's standard output without the trailing newline; {@code stdin} is written to it first. */
    static String run(byte[] stdin, String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return fail(command[0] + " is not installed (Debian package "
                    + PACKAGES.getOrDefault(command[0], "?") + "; .ci/run installs it): " + e.getMessage());
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), Arrays.toString(command) + " did not finish");
            assertEquals(0, p.exitValue(), Arrays.toString(command) + " failed: " + err);
            return out.strip();
        } catch (IOException e) {
            return fail(Arrays.toString(command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            p.destroy();
        }
    }

    static String run(String... command) {
        return run(new byte[0], command);
    }

    /** A python3 program given the password on standard input, as bytes. */
    static String python(String program, String password) {
        return run(password.getBytes(StandardCharsets.UTF_8), "python3", "-c", program);
    }
}
