package org.loftmail.pop3.parse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses one line, as Dovecot does: the command name is everything up to the first space,
 * case-insensitive; the arguments are the rest with leading spaces skipped. Message numbers and
 * line counts get Dovecot's error texts. Arguments are UTF-8 (RFC 6856 clients send it, others
 * send ASCII); undecodable octets become U+FFFD and simply fail the login they are part of.
 */
public final class Pop3Parser {
    /** Longest command name echoed back in {@code -ERR Unknown command}. */
    private static final int MAX_ECHO = 40;

    private Pop3Parser() {
    }

    public static Pop3Command parse(byte[] line) {
        for (byte b : line) {
            if (b == 0) {
                return new Pop3Command.Malformed("Invalid NUL byte in command.");
            }
        }
        int sp = indexOf(line, (byte) ' ');
        String name = printable(line, sp < 0 ? line.length : sp).toUpperCase(Locale.ROOT);
        int argStart = sp < 0 ? line.length : sp + 1;
        while (argStart < line.length && line[argStart] == ' ') {
            argStart++;
        }
        String args = new String(line, argStart, line.length - argStart, StandardCharsets.UTF_8);
        switch (name) {
            case "USER":
                return args.isEmpty() ? new Pop3Command.Malformed("No username given.") : new Pop3Command.User(args);
            case "PASS":
                return new Pop3Command.Pass(args);
            case "AUTH":
                return auth(args);
            case "APOP":
                return new Pop3Command.Apop();
            case "STLS":
                return new Pop3Command.Stls();
            case "CAPA":
                return new Pop3Command.Capa();
            case "QUIT":
                return new Pop3Command.Quit();
            case "STAT":
                return new Pop3Command.Stat();
            case "RSET":
                return new Pop3Command.Rset();
            case "NOOP":
                return new Pop3Command.Noop();
            case "LIST":
            case "UIDL":
            case "RETR":
            case "DELE":
                return numbered(name, args);
            case "TOP":
                return top(args);
            default:
                return new Pop3Command.Unknown(name);
        }
    }

    private static Pop3Command auth(String args) {
        if (args.isEmpty()) {
            return new Pop3Command.Auth(null, null);
        }
        int sp = args.indexOf(' ');
        if (sp < 0) {
            return new Pop3Command.Auth(args, null);
        }
        return new Pop3Command.Auth(args.substring(0, sp), args.substring(sp + 1).strip());
    }

    private static Pop3Command numbered(String name, String args) {
        boolean optional = name.equals("LIST") || name.equals("UIDL");
        if (args.isEmpty() && optional) {
            return name.equals("LIST") ? new Pop3Command.List(0) : new Pop3Command.Uidl(0);
        }
        Number n = number(args, false, "message number");
        if (n.error != null) {
            return new Pop3Command.Malformed(n.error);
        }
        int msg = (int) n.value;
        switch (name) {
            case "LIST":
                return new Pop3Command.List(msg);
            case "UIDL":
                return new Pop3Command.Uidl(msg);
            case "RETR":
                return new Pop3Command.Retr(msg);
            default:
                return new Pop3Command.Dele(msg);
        }
    }

    private static Pop3Command top(String args) {
        Number n = number(args, true, "message number");
        if (n.error != null) {
            return new Pop3Command.Malformed(n.error);
        }
        String rest = args.substring(n.end).stripLeading();
        Number lines = number(rest, false, "size");
        if (lines.error != null) {
            return new Pop3Command.Malformed(lines.error);
        }
        return new Pop3Command.Top((int) n.value, lines.value);
    }

    private record Number(long value, int end, String error) { }

    /** A decimal number at the start of {@code s}, then a space ({@code thenSpace}) or the end. */
    private static Number number(String s, boolean thenSpace, String what) {
        if (s.isEmpty() || s.charAt(0) < '0' || s.charAt(0) > '9') {
            return new Number(0, 0, "Invalid " + what + ": " + echo(s));
        }
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        long limit = what.equals("size") ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (i > 18 || Long.parseLong(s.substring(0, i)) > limit) {
            return new Number(0, 0, capitalised(what) + " too large: " + echo(s));
        }
        if (i == s.length() && thenSpace) {
            return new Number(0, 0, "Missing line count after the message number.");
        }
        if (i < s.length() && (s.charAt(i) != ' ' || !thenSpace)) {
            return new Number(0, 0, "Noise after " + what + ": " + echo(s.substring(i)));
        }
        return new Number(Long.parseLong(s.substring(0, i)), i, null);
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    private static int indexOf(byte[] line, byte b) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The first {@code len} octets with anything but printable ASCII as '?': safe to echo. */
    private static String printable(byte[] line, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_ECHO));
        for (int i = 0; i < len && i < MAX_ECHO; i++) {
            int c = line[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }

    private static String echo(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return printable(b, b.length);
    }
}
