package org.loftmail.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.loftmail.auth.PasswordFormat;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.StoredPassword;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loft admin pw}: makes and checks password hashes for a passdb, as {@code doveadm pw} does. */
@Command(name = "pw", mixinStandardHelpOptions = true,
        description = {"Print {SCHEME}hash of a password, for a passwd-file (like doveadm pw).",
            "Without -p the password is read from standard input: asked twice on a terminal, one line from a pipe."})
final class PwCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    AdminCommand admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--scheme"}, defaultValue = "SHA512-CRYPT", paramLabel = "SCHEME",
            description = "password scheme, optionally with .b64 or .hex (default: ${DEFAULT-VALUE}); -l lists them")
    String scheme;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "the password (visible to other users in the process list; prefer standard input)")
    String password;

    @Option(names = {"-r", "--rounds"}, paramLabel = "ROUNDS",
            description = "cost: crypt rounds, bcrypt cost, argon2 passes, PBKDF2 iterations (default: the scheme's)")
    Integer rounds;

    @Option(names = {"-t", "--test"}, paramLabel = "HASH",
            description = "check the password against HASH ({SCHEME}hash, or a bare hash in -s) instead")
    String test;

    @Option(names = {"-l", "--list"}, description = "list the schemes")
    boolean list;

    @Override
    public Integer call() {
        if (list) {
            spec.commandLine().getOut().println(Arrays.stream(PasswordScheme.values())
                    .map(PasswordScheme::dovecotName).collect(Collectors.joining(" ")));
            return 0;
        }
        PasswordFormat format;
        try {
            format = PasswordFormat.parse(scheme);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-s: " + e.getMessage());
        }
        if (rounds != null) {
            Optional<String> bad = format.roundsProblem(rounds);
            if (bad.isPresent()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "-r: " + bad.get());
            }
        }
        StoredPassword stored = null;
        if (test != null) {
            stored = StoredPassword.parse(test, format);
            if (stored.problem().isPresent()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "-t: " + stored.problem().get());
            }
        }
        String pw = password != null ? password : readPassword(test == null);
        if (pw.isEmpty()) {
            throw new UsageException("empty password");
        }
        if (stored != null) {
            if (!stored.matches(pw)) {
                spec.commandLine().getErr().println("loft: password mismatch");
                return 1;
            }
            spec.commandLine().getOut().println(test + " (verified)");
            return 0;
        }
        String hash = format.hash(pw, rounds == null ? 0 : rounds);
        // Like doveadm: never hand out a hash that does not verify.
        if (!StoredPassword.parse(hash, format).matches(pw)) {
            throw new IllegalStateException("the new " + format + " hash does not verify; nothing printed");
        }
        spec.commandLine().getOut().println(hash);
        return 0;
    }

    /** From the terminal without echo (twice for a new hash), else the first line of standard input. */
    private String readPassword(boolean confirm) {
        Console console = admin.loft.console;
        if (console != null) {
            char[] first = console.readPassword(confirm ? "Enter new password: " : "Enter password to verify: ");
            if (first == null) {
                throw new UsageException("no password given");
            }
            if (confirm) {
                char[] again = console.readPassword("Retype new password: ");
                if (again == null || !Arrays.equals(first, again)) {
                    throw new UsageException("passwords don't match");
                }
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(admin.loft.stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new UsageException("no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }
}
