package org.loftmail.core.auth;

/**
 * Hands out the stored credential a challenge-response mechanism (CRAM-MD5, SCRAM) checks a
 * response against, since those mechanisms never show the server a password to give an
 * {@link Authenticator}. A lookup rather than a per-mechanism verifier: the passdb only knows
 * how credentials are stored, the mechanisms in this package only know the exchange, and both
 * stay small. Thread-safe; may block.
 */
public interface CredentialLookup {
    /** Dovecot's scheme names of the credentials mechanisms ask for. */
    String CRAM_MD5 = "CRAM-MD5";
    String SCRAM_SHA_1 = "SCRAM-SHA-1";
    String SCRAM_SHA_256 = "SCRAM-SHA-256";

    /**
     * The credential of {@code user} in {@code scheme}, written as Dovecot writes that scheme
     * after its {@code {SCHEME}} prefix (CRAM-MD5: 64 hex digits; SCRAM: {@code iter,salt,storedkey,serverkey}).
     * A user whose password is stored in a form that cannot yield it is a {@link CredentialResult.Failure}.
     */
    CredentialResult lookup(String user, String scheme);
}
