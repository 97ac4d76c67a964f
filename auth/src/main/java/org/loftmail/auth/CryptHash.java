package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * The crypt(3) strings of {@code SHA512-CRYPT} ({@code $6$}), {@code SHA256-CRYPT} ({@code $5$}),
 * {@code MD5-CRYPT} ({@code $1$}) and {@code DES-CRYPT} (13 characters), computed by
 * commons-codec. A hash is checked by recomputing it with the stored salt (and rounds) and
 * comparing the whole string.
 */
final class CryptHash implements HashAlgorithm {
    /** glibc's limits for {@code rounds=}; outside them it silently clamps, so we refuse instead. */
    static final int MIN_ROUNDS = 1000;
    static final int MAX_ROUNDS = 999_999_999;

    enum Kind {
        SHA512("\\$6\\$(rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}", "$6$salt$hash"),
        SHA256("\\$5\\$(rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43}", "$5$salt$hash"),
        MD5("\\$1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}", "$1$salt$hash"),
        DES("[./0-9A-Za-z]{13}", "13 characters of ./0-9A-Za-z");

        final Pattern shape;
        final String expected;

        Kind(String shape, String expected) {
            this.shape = Pattern.compile(shape);
            this.expected = expected;
        }
    }

    private final Kind kind;

    CryptHash(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        if (kind.shape.matcher(new String(raw, StandardCharsets.ISO_8859_1)).matches()) {
            return Optional.empty();
        }
        return Optional.of("expected " + kind.expected);
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        String stored = new String(raw, StandardCharsets.ISO_8859_1);
        String computed;
        try {
            computed = crypt(password, stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.ISO_8859_1), raw);
    }

    /** crypt(3) of {@code password} with the salt (and rounds) at the start of {@code setting}. */
    private String crypt(byte[] password, String setting) {
        switch (kind) {
            case SHA512:
                return Sha2Crypt.sha512Crypt(password, setting);
            case SHA256:
                return Sha2Crypt.sha256Crypt(password, setting);
            case MD5:
                return Md5Crypt.md5Crypt(password, setting);
            default:
                return UnixCrypt.crypt(password, setting.substring(0, 2));
        }
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        String setting;
        switch (kind) {
            case SHA512:
            case SHA256:
                // Without rounds= crypt(3) uses 5000, the default every tool reads the same way.
                setting = (kind == Kind.SHA512 ? "$6$" : "$5$") + (rounds == 0 ? "" : "rounds=" + rounds + "$")
                        + Salts.cryptChars(16);
                break;
            case MD5:
                setting = "$1$" + Salts.cryptChars(8);
                break;
            default:
                setting = Salts.cryptChars(2);
                break;
        }
        return crypt(password, setting).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        if (kind == Kind.SHA512 || kind == Kind.SHA256) {
            return rounds >= MIN_ROUNDS && rounds <= MAX_ROUNDS ? Optional.empty()
                    : Optional.of("rounds must be " + MIN_ROUNDS + ".." + MAX_ROUNDS);
        }
        return Optional.of("has no rounds");
    }
}
