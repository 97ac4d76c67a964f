package org.loftmail.auth.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One line a client sends, parsed: {@code VERSION} and {@code CPID} (its handshake), then
 * {@code AUTH}, {@code CONT} and {@code CANCEL}. Parsing knows nothing of the connection's state;
 * a malformed line throws {@link AuthProtocolException}.
 */
sealed interface AuthClientCommand {
    /** {@code VERSION TAB major TAB minor}. */
    record Version(long major, long minor) implements AuthClientCommand {
    }

    /** {@code CPID TAB pid}: the client's process, for the log. */
    record Cpid(String pid) implements AuthClientCommand {
    }

    /**
     * {@code AUTH TAB id TAB mechanism TAB service=... [TAB params] [TAB resp=base64]}.
     *
     * @param remote          {@code rip}, null when absent or not an IP address
     * @param local           {@code lip}, likewise
     * @param secured         the remote client's connection is TLS or local
     * @param noPenalty       the client asks that this attempt neither waits for nor feeds the penalty
     * @param initialResponse the base64 text of {@code resp}, null without one
     */
    record Auth(long id, String mechanism, String service, InetAddress remote, InetAddress local, boolean secured,
                boolean validClientCert, boolean noPenalty, String initialResponse) implements AuthClientCommand {
    }

    /** {@code CONT TAB id TAB base64}: the answer to a challenge. */
    record Cont(long id, String data) implements AuthClientCommand {
    }

    /** {@code CANCEL TAB id}: the client gave up on a request. */
    record Cancel(long id) implements AuthClientCommand {
    }

    /** Any other command; what it means depends on the state, so the connection decides. */
    record Unknown(String name) implements AuthClientCommand {
    }

    static AuthClientCommand parse(String line) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
            case "VERSION":
                require(f.length >= 3, "broken VERSION");
                return new Version(number(f[1], "VERSION"), number(f[2], "VERSION"));
            case "CPID":
                require(f.length >= 2, "broken CPID");
                return new Cpid(f[1]);
            case "AUTH":
                return auth(f);
            case "CONT":
                require(f.length >= 3, "broken CONT request");
                return new Cont(id(f[1], "CONT"), f[2]);
            case "CANCEL":
                require(f.length >= 2, "broken CANCEL");
                return new Cancel(id(f[1], "CANCEL"));
            default:
                return new Unknown(f[0]);
        }
    }

    private static Auth auth(String[] f) {
        require(f.length >= 3 && !f[2].isEmpty(), "broken AUTH request");
        long id = id(f[1], "AUTH");
        String service = null;
        InetAddress remote = null;
        InetAddress local = null;
        boolean secured = false;
        boolean validClientCert = false;
        boolean noPenalty = false;
        String resp = null;
        for (int i = 3; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            String name = eq < 0 ? f[i] : f[i].substring(0, eq);
            String value = eq < 0 ? "" : TabEscape.unescape(f[i].substring(eq + 1));
            switch (name) {
                case "service" -> service = value;
                case "rip" -> remote = ipLiteral(value);
                case "lip" -> local = ipLiteral(value);
                // "secured=tls" is the newer spelling of the same flag.
                case "secured" -> secured = true;
                case "valid-client-cert" -> validClientCert = true;
                case "no-penalty" -> noPenalty = true;
                case "resp" -> resp = value;
                default -> {
                    // Unknown optional parameters are ignored (lport, session, nologin, ...).
                }
            }
            if (name.equals("resp")) {
                // The spec makes resp the last parameter and everything after it ignored, so a
                // TAB smuggled into client data cannot add a parameter.
                break;
            }
        }
        require(service != null && !service.isEmpty(), "AUTH request without service");
        // Exim sends an empty resp= for "no initial response"; an empty one is "=".
        String initial = resp == null || resp.isEmpty() ? null : resp;
        return new Auth(id, f[2], service, remote, local, secured, validClientCert, noPenalty, initial);
    }

    /** Request IDs are unsigned 32-bit numbers. */
    private static long id(String text, String command) {
        long id = number(text, command);
        require(id <= 0xFFFF_FFFFL, "broken " + command + " request: ID out of range");
        return id;
    }

    private static long number(String text, String command) {
        require(!text.isEmpty() && text.length() <= 10, "broken " + command + ": not a number");
        for (int i = 0; i < text.length(); i++) {
            require(text.charAt(i) >= '0' && text.charAt(i) <= '9', "broken " + command + ": not a number");
        }
        return Long.parseLong(text);
    }

    /**
     * An IP address written as one, or null. Never a name lookup: {@code InetAddress.getByName}
     * would resolve a word such as "cafe" through DNS, so IPv4 is parsed here and only text with
     * a colon (which the JDK parses as an IPv6 literal or rejects) goes to it.
     */
    private static InetAddress ipLiteral(String text) {
        try {
            if (text.indexOf(':') >= 0) {
                return InetAddress.getByName(text);
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AuthProtocolException(message);
        }
    }
}
