package org.loftmail.auth;

import java.util.Optional;

/**
 * One way of turning a password into a stored hash, working on raw bytes: the encoding around
 * them ({@link PasswordEncoding}) and the {@code {SCHEME}} prefix are handled once, by
 * {@link StoredPassword} and {@link PasswordFormat}. Several Dovecot names share one algorithm
 * ({@code SHA} and {@code SHA1}, {@code CRAM-MD5} and {@code HMAC-MD5}).
 */
interface HashAlgorithm {
    /** Why {@code raw} can never match any password (malformed, unsupported), or empty if it is a usable hash. */
    Optional<String> problem(byte[] raw);

    /**
     * True if {@code password} (UTF-8) hashes to {@code raw}, compared in constant time. Only
     * called when {@link #problem} found nothing.
     */
    boolean matches(byte[] password, byte[] raw);

    /** A new hash with a fresh random salt; {@code rounds} 0 means this algorithm's default cost. */
    byte[] generate(byte[] password, int rounds);

    /** Why {@code rounds} (as {@code doveadm pw -r} takes it) cannot be used, or empty when it can. */
    Optional<String> roundsProblem(int rounds);
}
