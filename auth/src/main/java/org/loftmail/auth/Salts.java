package org.loftmail.auth;

import java.security.SecureRandom;

/** Random salts for every scheme, from one {@link SecureRandom}. */
final class Salts {
    /** The alphabet of crypt(3) salts; 64 characters, so masking a random byte to 6 bits is unbiased. */
    private static final String CRYPT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Salts() {
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code n} characters from crypt(3)'s salt alphabet. */
    static String cryptChars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (byte b : bytes(n)) {
            s.append(CRYPT_CHARS.charAt(b & 63));
        }
        return s.toString();
    }
}
