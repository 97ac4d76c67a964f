package org.loftmail.auth.socket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;
import org.loftmail.core.auth.SaslCramMd5;
import org.loftmail.core.auth.SaslPlaintext;
import org.loftmail.core.auth.SaslScram;
import org.loftmail.core.model.UserId;

/**
 * One SASL exchange on the socket, as Dovecot runs it. PLAIN answers a missing initial response
 * with an empty challenge; LOGIN asks "Username:" then "Password:" and takes an initial response
 * as the user name; both end in a password to check. CRAM-MD5 and SCRAM never show the server a
 * password: they end in a stored credential to look up ({@link NeedCredential}), which the
 * connection hands back through {@link #credential}. A message that cannot be understood, or a
 * response that does not match the credential, is {@link Malformed}: a failed login, as in Dovecot.
 * Not thread-safe; the connection's lock guards it.
 */
final class SaslExchange {
    /** The mechanisms Loft serves on the socket, with Dovecot's name and security flags for MECH lines. */
    enum Mechanism {
        PLAIN("PLAIN", "plaintext", false),
        LOGIN("LOGIN", "plaintext", false),
        CRAM_MD5("CRAM-MD5", "dictionary\tactive", true),
        SCRAM_SHA_1("SCRAM-SHA-1", "mutual-auth", true),
        SCRAM_SHA_256("SCRAM-SHA-256", "mutual-auth", true);

        private final String wireName;
        private final String flags;
        private final boolean needsCredentials;

        Mechanism(String wireName, String flags, boolean needsCredentials) {
            this.wireName = wireName;
            this.flags = flags;
            this.needsCredentials = needsCredentials;
        }

        /** As in AUTH and MECH lines: {@code CRAM-MD5}. */
        String wireName() {
            return wireName;
        }

        /** Dovecot's flags for this mechanism's MECH line, TAB-separated. */
        String flags() {
            return flags;
        }

        /** Checked against a {@link CredentialLookup}, not an authenticator: offered only with one. */
        boolean needsCredentials() {
            return needsCredentials;
        }

        /** Clients pass on the SMTP client's spelling ("plain"), so names match in any case; null if unknown. */
        static Mechanism find(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            for (Mechanism m : values()) {
                if (m.wireName.equals(upper)) {
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

    /** A plaintext mechanism is complete: check these; {@code loginAs} is PLAIN's authzid (empty if none). */
    record Credentials(String user, String password, String loginAs) implements Step {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", loginAs=" + loginAs + ", password=***]";
        }
    }

    /** Look up {@code user}'s credential in {@code scheme} and pass it to {@link #credential}. */
    record NeedCredential(String user, String scheme) implements Step {
    }

    /** The client proved it knows the password; {@code serverData} (SCRAM's server-final) goes in OK's resp, or null. */
    record Verified(UserId user, byte[] serverData) implements Step {
    }

    /** The client's message cannot be understood or does not match; {@code user} if it was learned before. */
    record Malformed(String user, String reason) implements Step {
    }

    private final Mechanism mechanism;
    /** LOGIN's user name once sent; CRAM-MD5's and SCRAM's once their response named it. */
    private String user;
    private byte[] cramChallenge;
    private String cramDigest;
    private SaslScram scram;
    /** SCRAM, after the credential was found: the client-final is due. */
    private UserId scramUser;

    SaslExchange(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    Mechanism mechanism() {
        return mechanism;
    }

    /** The start, with the initial response if the client sent one (null if not). */
    Step initial(byte[] response) {
        switch (mechanism) {
            case PLAIN:
                return response == null ? new Challenge(new byte[0]) : respond(response);
            case LOGIN:
                return response == null || response.length == 0
                        ? new Challenge(SaslPlaintext.LOGIN_USER_CHALLENGE) : respond(response);
            case CRAM_MD5:
                // RFC 2195: the server speaks first; Dovecot ignores an initial response too.
                cramChallenge = SaslCramMd5.challenge();
                return new Challenge(cramChallenge);
            default:
                scram = new SaslScram(mechanism == Mechanism.SCRAM_SHA_1 ? SaslScram.Hash.SHA_1 : SaslScram.Hash.SHA_256);
                return response == null || response.length == 0 ? new Challenge(new byte[0]) : respond(response);
        }
    }

    /** The client's answer to the last challenge. */
    Step respond(byte[] response) {
        switch (mechanism) {
            case PLAIN:
                return plain(response);
            case LOGIN:
                return login(response);
            case CRAM_MD5:
                return cramMd5(response);
            default:
                return scram(response);
        }
    }

    /** The credential a {@link NeedCredential} asked for. */
    Step credential(CredentialResult.Found found) {
        if (mechanism == Mechanism.CRAM_MD5) {
            return SaslCramMd5.verify(found.credential(), cramChallenge, cramDigest)
                    ? new Verified(found.user(), null) : new Malformed(user, "password mismatch");
        }
        byte[] serverFirst = scram.serverFirst(found.credential());
        if (serverFirst == null) {
            return new Malformed(user, "stored SCRAM credential is malformed");
        }
        scramUser = found.user();
        return new Challenge(serverFirst);
    }

    private Step plain(byte[] response) {
        SaslPlaintext.Credential c = SaslPlaintext.decodePlain(response);
        if (c == null) {
            return new Malformed(null, "invalid PLAIN message");
        }
        // An authzid naming someone else is a master login; the authenticator decides whether
        // this user may do that (only a master passdb lets it).
        return new Credentials(c.user(), c.password(), c.authzid().equals(c.user()) ? "" : c.authzid());
    }

    private Step login(byte[] response) {
        String text = utf8(response);
        if (user == null) {
            if (text == null || text.isEmpty() || text.indexOf('\0') >= 0) {
                return new Malformed(null, "invalid LOGIN user name");
            }
            user = text;
            return new Challenge(SaslPlaintext.LOGIN_PASSWORD_CHALLENGE);
        }
        if (text == null) {
            return new Malformed(user, "password is not UTF-8");
        }
        return new Credentials(user, text, "");
    }

    private Step cramMd5(byte[] response) {
        if (cramDigest != null) {
            return new Malformed(user, "CRAM-MD5 takes one response");
        }
        SaslCramMd5.Response r = SaslCramMd5.decode(response);
        if (r == null) {
            return new Malformed(null, "malformed CRAM-MD5 response");
        }
        user = r.user();
        cramDigest = r.digest();
        return new NeedCredential(user, CredentialLookup.CRAM_MD5);
    }

    private Step scram(byte[] response) {
        if (user == null) {
            String named = scram.clientFirst(response);
            if (named == null) {
                return new Malformed(null, "malformed or unsupported SCRAM client-first message");
            }
            user = named;
            return new NeedCredential(user, scram.mechanism());
        }
        if (scramUser == null) {
            // A response while the credential is being looked up: the connection never sends one.
            return new Malformed(user, "unexpected SCRAM message");
        }
        byte[] serverFinal = scram.clientFinal(response);
        if (serverFinal == null) {
            return new Malformed(user, "password mismatch");
        }
        return new Verified(scramUser, serverFinal);
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
