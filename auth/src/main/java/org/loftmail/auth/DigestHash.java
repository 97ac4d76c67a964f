package org.loftmail.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A plain message digest of the password ({@code SHA512}, {@code SHA256}, {@code SHA1},
 * {@code PLAIN-MD5}, {@code LDAP-MD5}), or a salted one ({@code SSHA512}, {@code SSHA256},
 * {@code SSHA}, {@code SMD5}): {@code digest(password + salt) + salt}, the salt being whatever
 * follows the digest, of any length.
 */
final class DigestHash implements HashAlgorithm {
    /** Dovecot writes 4 salt bytes; 8 cost nothing and every reader takes any length. */
    private static final int SALT_LENGTH = 8;

    private final String algorithm;
    private final int length;
    private final boolean salted;

    /** @param algorithm a JDK {@link MessageDigest} name, e.g. {@code SHA-512} */
    DigestHash(String algorithm, int length, boolean salted) {
        this.algorithm = algorithm;
        this.length = length;
        this.salted = salted;
    }

    private byte[] digest(byte[] password, byte[] raw, int saltFrom) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            d.update(password);
            d.update(raw, saltFrom, raw.length - saltFrom);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            // Every JDK must provide MD5, SHA-1 and SHA-256; SHA-512 is in every JDK there is.
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        if (salted ? raw.length <= length : raw.length != length) {
            return Optional.of("hash is " + raw.length + " bytes, " + (salted ? "more than " : "") + length
                    + " expected");
        }
        return Optional.empty();
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        byte[] computed = digest(password, raw, salted ? length : raw.length);
        return MessageDigest.isEqual(computed, Arrays.copyOf(raw, length));
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        if (!salted) {
            return digest(password, new byte[0], 0);
        }
        byte[] salt = Salts.bytes(SALT_LENGTH);
        byte[] out = Arrays.copyOf(digest(password, salt, 0), length + SALT_LENGTH);
        System.arraycopy(salt, 0, out, length, SALT_LENGTH);
        return out;
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return Optional.of("has no rounds");
    }
}
