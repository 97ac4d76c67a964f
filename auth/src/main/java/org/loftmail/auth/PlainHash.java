package org.loftmail.auth;

import java.security.MessageDigest;
import java.util.Optional;

/** {@code PLAIN}, {@code CLEAR}, {@code CLEARTEXT}: the password itself. */
final class PlainHash implements HashAlgorithm {
    @Override
    public Optional<String> problem(byte[] raw) {
        return Optional.empty();
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        // The attempt goes first: isEqual's running time follows its first argument's length,
        // which the client already knows.
        return MessageDigest.isEqual(password, raw);
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        return password.clone();
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return Optional.of("plaintext has no rounds");
    }
}
