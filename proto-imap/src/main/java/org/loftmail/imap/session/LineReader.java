package org.loftmail.imap.session;

/**
 * Takes the next client line instead of the parser: the {@code DONE} that ends IDLE, or a SASL
 * response during AUTHENTICATE.
 */
@FunctionalInterface
public interface LineReader {
    void line(ImapSession session, String line);
}
