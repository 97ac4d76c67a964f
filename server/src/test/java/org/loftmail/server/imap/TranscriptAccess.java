package org.loftmail.server.imap;

import java.net.InetSocketAddress;

/** Lets tests outside this package drive a {@link Transcript} against a running node. */
public final class TranscriptAccess {
    private TranscriptAccess() {
    }

    /** Logs in as the demo user over IMAPS and reads the welcome message's subject. */
    public static void loginAndReadWelcome(InetSocketAddress imaps, String password) {
        try (Transcript t = Transcript.imaps(imaps)) {
            welcome(t, password);
        }
    }

    /** The same over the plain listener after STARTTLS. */
    public static void startTlsLogin(InetSocketAddress plain, String password) {
        try (Transcript t = Transcript.plain(plain)) {
            t.expectLine("* OK [CAPABILITY <*> STARTTLS <*>] Loft ready.");
            t.send("t1 STARTTLS");
            t.expectLine("t1 OK Begin TLS negotiation now.");
            t.startTls();
            t.send("t2 LOGIN demo " + password);
            t.expectLine("t2 OK <*>");
        }
    }

    private static void welcome(Transcript t, String password) {
        t.run("""
            S: * OK <*> Loft ready.
            C: a1 LOGIN demo %s
            S: a1 OK <*> Logged in
            C: a2 EXAMINE INBOX
            S: <*>
            S: <*>
            S: * 1 EXISTS
            """.formatted(password));
        t.readUntil("a2 OK");
        t.run("""
            C: a3 FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])
            S: * 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {28}
            S: Subject: Welcome to Loft
            S:\040
            S: )
            S: a3 OK Fetch completed.
            """);
    }
}
