package org.loftmail.pop3.session;

/** Takes the next client line instead of the parser: a SASL response during AUTH. */
@FunctionalInterface
public interface LineReader {
    void line(Pop3Session session, String line);
}
