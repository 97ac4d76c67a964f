package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.digest.Sha2Crypt;

/** Password schemes as Dovecot names them in {@code {SCHEME}} prefixes. */
public enum PasswordScheme {
    PLAIN {
        @Override
        boolean matches(String password, String stored) {
            return constantTimeEquals(password, stored);
        }
    },
    SHA512_CRYPT("SHA512-CRYPT") {
        @Override
        boolean matches(String password, String stored) {
            if (!stored.startsWith("$6$")) {
                return false;
            }
            // crypt(3) hashes are re-computed with the stored salt (and rounds) and compared whole.
            return constantTimeEquals(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), stored), stored);
        }
    };

    private final String dovecotName;

    PasswordScheme() {
        this.dovecotName = name();
    }

    PasswordScheme(String dovecotName) {
        this.dovecotName = dovecotName;
    }

    /** A new {@code {SHA512-CRYPT}$6$...} hash with a random salt, as {@code doveadm pw -s SHA512-CRYPT} makes. */
    public static String sha512Crypt(String password) {
        return "{SHA512-CRYPT}" + Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8));
    }

    public String dovecotName() {
        return dovecotName;
    }

    abstract boolean matches(String password, String stored);

    public static Optional<PasswordScheme> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (PasswordScheme s : values()) {
            if (s.dovecotName.equals(n)) {
                return Optional.of(s);
            }
        }
        // Dovecot's aliases for the same scheme.
        return n.equals("CLEARTEXT") ? Optional.of(PLAIN) : Optional.empty();
    }

    /**
     * Checks {@code password} against a stored value: {@code {SCHEME}hash}, or a bare hash in
     * {@code defaultScheme}. An unknown scheme never matches (and is the caller's to log).
     */
    public static boolean verify(String password, String stored, PasswordScheme defaultScheme) {
        PasswordScheme scheme = defaultScheme;
        String hash = stored;
        if (stored.startsWith("{")) {
            int end = stored.indexOf('}');
            if (end < 0) {
                return false;
            }
            Optional<PasswordScheme> named = byName(stored.substring(1, end));
            if (named.isEmpty()) {
                return false;
            }
            scheme = named.get();
            hash = stored.substring(end + 1);
        }
        return scheme.matches(password, hash);
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
