package org.loftmail.server.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.loftmail.core.store.StorageException;
import org.loftmail.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loft}: the one entry point, started by {@code bin/loft}. */
@Command(name = "loft", mixinStandardHelpOptions = true, version = "Loft 0.1.0",
        description = "Loft mail store: IMAP, POP3, LMTP on dbox + LMDB.",
        subcommands = {RunCommand.class, AdminCommand.class})
public final class Loft implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where commands that print raw message bytes write them. */
    final OutputStream rawOut;
    /** Where commands that read input ({@code admin pw}) read it when no terminal is attached. */
    final InputStream stdin;
    /** The terminal when stdin and stdout are one, so passwords can be asked for without echo; else null. */
    final Console console;

    private Loft(OutputStream rawOut, InputStream stdin, Console console) {
        this.rawOut = rawOut;
        this.stdin = stdin;
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.in, System.console(), System.out, System.err));
    }

    /** Runs a command line; bad arguments and failures give one line on {@code err}, never a stack trace. */
    public static int execute(String[] args, OutputStream stdout, OutputStream stderr) {
        return execute(args, InputStream.nullInputStream(), stdout, stderr);
    }

    /** Like {@link #execute(String[], OutputStream, OutputStream)}, with {@code stdin} as standard input (no terminal). */
    public static int execute(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return execute(args, stdin, null, stdout, stderr);
    }

    private static int execute(String[] args, InputStream stdin, Console console, OutputStream stdout,
                               OutputStream stderr) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Loft(stdout, stdin, console));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("loft: " + e.getMessage() + " (see 'loft " + commandPath(e.getCommandLine()) + "--help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("loft: " + describe(e));
            if (System.getenv("LOFT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String commandPath(CommandLine c) {
        String path = c.getCommandSpec().qualifiedName(" ");
        return path.equals("loft") ? "" : path.substring("loft ".length()) + " ";
    }

    static String describe(Throwable e) {
        if (e instanceof ConfigException || e instanceof StorageException || e instanceof IllegalArgumentException
                || e instanceof UsageException) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run or admin");
    }
}
