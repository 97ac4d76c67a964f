package org.loftmail.auth.socket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.loftmail.core.auth.SaslPlaintext;

/**
 * One SASL exchange of a plaintext mechanism, as Dovecot runs it: PLAIN answers a missing
 * initial response with an empty challenge; LOGIN asks "Username:" then "Password:" and takes an
 * initial response as the user name. It ends in the credentials to check, or in a malformed
 * message (which counts as a failed login, as in Dovecot).
 */
final class SaslExchange {
    /** The mechanisms offered, in the order of the handshake's MECH lines. */
    enum Mechanism {
        PLAIN, LOGIN;

        /** Clients pass on the SMTP client's spelling ("plain"), so names match in any case. */
        static Mechanism find(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            for (Mechanism m : values()) {
                if (m.name().equals(upper)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** What the exchange wants next. */
    sealed interface Step {
    }

    /** Send this challenge and wait for the client's answer. */
    record Challenge(byte[] data) implements Step {
    }

    /** The exchange is complete: check these. */
    record Credentials(String user, String password) implements Step {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    /** The client's message cannot be understood; {@code user} if it was learned before. */
    record Malformed(String user, String reason) implements Step {
    }

    private final Mechanism mechanism;
    /** LOGIN's user name once it has been sent. */
    private String loginUser;

    SaslExchange(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    Mechanism mechanism() {
        return mechanism;
    }

    /** The start, with the initial response if the client sent one (null if not). */
    Step initial(byte[] response) {
        if (mechanism == Mechanism.PLAIN) {
            return response == null ? new Challenge(new byte[0]) : respond(response);
        }
        return response == null || response.length == 0
                ? new Challenge(SaslPlaintext.LOGIN_USER_CHALLENGE) : respond(response);
    }

    /** The client's answer to the last challenge. */
    Step respond(byte[] response) {
        if (mechanism == Mechanism.PLAIN) {
            SaslPlaintext.Credential c = SaslPlaintext.decodePlain(response);
            if (c == null) {
                return new Malformed(null, "invalid PLAIN message");
            }
            if (!c.authzid().isEmpty() && !c.authzid().equals(c.user())) {
                // Logging in as someone else needs master users, which Loft does not have.
                return new Malformed(c.user(), "authorization id differs from the user");
            }
            return new Credentials(c.user(), c.password());
        }
        String text = utf8(response);
        if (loginUser == null) {
            if (text == null || text.isEmpty() || text.indexOf('\0') >= 0) {
                return new Malformed(null, "invalid LOGIN user name");
            }
            loginUser = text;
            return new Challenge(SaslPlaintext.LOGIN_PASSWORD_CHALLENGE);
        }
        if (text == null) {
            return new Malformed(loginUser, "password is not UTF-8");
        }
        return new Credentials(loginUser, text);
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
