package org.loftmail.server.e2e;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a client wrote to its debug output (for Angus: both sides of the IMAP exchange, with
 * passwords masked). Tests wait on it to know the client reached a protocol step, and print it
 * when they fail, so a failure report shows the exact exchange.
 */
final class ProtocolTrace extends OutputStream {
    private final String name;
    private final StringBuilder text = new StringBuilder();

    ProtocolTrace(String name) {
        this.name = name;
    }

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        text.append((char) (b & 0xff));
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        // Angus traces the protocol, which is ASCII apart from literals; Latin-1 keeps every byte.
        text.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
        notifyAll();
    }

    synchronized String text() {
        return text.toString();
    }

    /** True once a line starting with {@code prefix} appears in the line of offset {@code from} or later. */
    synchronized boolean awaitLine(int from, String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lineStart = from == 0 ? 0 : text.lastIndexOf("\n", from - 1) + 1;
        while (true) {
            int at = lineStart;
            while (at < text.length()) {
                int end = text.indexOf("\n", at);
                if (end < 0) {
                    break;
                }
                if (end - at >= prefix.length() && text.substring(at, at + prefix.length()).equals(prefix)) {
                    return true;
                }
                at = end + 1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized int length() {
        return text.length();
    }

    @Override
    public String toString() {
        return "---- " + name + " ----\n" + text();
    }
}
