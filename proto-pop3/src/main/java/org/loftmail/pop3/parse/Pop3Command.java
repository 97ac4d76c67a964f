package org.loftmail.pop3.parse;

/**
 * One client command (RFC 1939, RFC 2449 CAPA, RFC 5034 AUTH, RFC 2595 STLS). Message numbers
 * are as the client sent them; whether they exist is the session's business.
 */
public sealed interface Pop3Command {
    // ---- AUTHORIZATION ----
    record User(String name) implements Pop3Command { }

    record Pass(String password) implements Pop3Command {
        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    /**
     * {@code mechanism} null: the old mechanism listing (a bare {@code AUTH});
     * {@code initialResponse} null: none given.
     */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse == null ? "" : " ***") + "]";
        }
    }

    record Apop() implements Pop3Command { }

    record Stls() implements Pop3Command { }

    // ---- any state ----
    record Capa() implements Pop3Command { }

    record Quit() implements Pop3Command { }

    // ---- TRANSACTION ----
    record Stat() implements Pop3Command { }

    /** {@code number} 0: all messages. */
    record List(int number) implements Pop3Command { }

    /** {@code number} 0: all messages. */
    record Uidl(int number) implements Pop3Command { }

    record Retr(int number) implements Pop3Command { }

    record Top(int number, long lines) implements Pop3Command { }

    record Dele(int number) implements Pop3Command { }

    record Rset() implements Pop3Command { }

    record Noop() implements Pop3Command { }

    // ---- not commands ----
    /** A command this server does not know (or not in this form); {@code name} is printable ASCII. */
    record Unknown(String name) implements Pop3Command { }

    /** A known command with arguments that cannot be used; {@code message} says why, for {@code -ERR}. */
    record Malformed(String message) implements Pop3Command { }
}
