package org.loftmail.auth;

import java.security.MessageDigest;
import org.loftmail.core.auth.Md5Block;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code CRAM-MD5} (alias {@code HMAC-MD5}): what Dovecot stores so that it can answer CRAM-MD5
 * challenges without the plaintext. HMAC-MD5 (RFC 2104) starts by hashing one block of
 * {@code key XOR opad} and one of {@code key XOR ipad}; the two MD5 states after those blocks,
 * outer then inner, each as four little-endian words, are the 32 stored bytes (64 hex digits).
 * A plaintext password is checked by computing the same two states.
 */
final class CramMd5Hash implements HashAlgorithm {
    static final int LENGTH = 32;
    private static final int BLOCK = 64;

    @Override
    public Optional<String> problem(byte[] raw) {
        return raw.length == LENGTH ? Optional.empty()
                : Optional.of("hash is " + raw.length + " bytes, " + LENGTH + " expected");
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        return MessageDigest.isEqual(generate(password, 0), raw);
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        // HMAC hashes keys longer than a block first.
        byte[] key = Arrays.copyOf(password.length > BLOCK ? md5(password) : password, BLOCK);
        byte[] outer = new byte[BLOCK];
        byte[] inner = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            outer[i] = (byte) (key[i] ^ 0x5c);
            inner[i] = (byte) (key[i] ^ 0x36);
        }
        byte[] out = new byte[LENGTH];
        Md5Block.writeState(Md5Block.compress(Md5Block.INITIAL, outer, 0), out, 0);
        Md5Block.writeState(Md5Block.compress(Md5Block.INITIAL, inner, 0), out, 16);
        return out;
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return Optional.of("has no rounds");
    }
}
