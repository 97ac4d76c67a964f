package org.loftmail.core.auth;

import java.util.Base64;

/**
 * One client response of a SASL exchange as IMAP AUTHENTICATE and POP3 AUTH carry it (RFC 3501
 * section 6.2.2, RFC 5034 section 4): a line of base64, {@code =} for an empty response, or
 * {@code *} to abort. What the protocol answers to an abort or to junk is the protocol's.
 */
public sealed interface SaslResponse {
    /** The decoded octets (empty for {@code =}). */
    record Data(byte[] bytes) implements SaslResponse { }

    /** The client sent {@code *}. */
    record Aborted() implements SaslResponse { }

    /** Not base64. */
    record Invalid() implements SaslResponse { }

    static SaslResponse decode(String line) {
        if (line.equals("*")) {
            return new Aborted();
        }
        if (line.equals("=")) {
            return new Data(new byte[0]);
        }
        try {
            return new Data(Base64.getDecoder().decode(line));
        } catch (IllegalArgumentException e) {
            return new Invalid();
        }
    }
}
