package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code CRYPT}, the passwd-file default: whatever crypt(3) recognises by the string's prefix,
 * {@code $6$}, {@code $5$}, {@code $1$}, {@code $2y$}/{@code $2b$}/{@code $2a$}, or 13-character
 * DES. New hashes are bcrypt, as Dovecot 2.4 makes them.
 */
final class AnyCryptHash implements HashAlgorithm {
    private final CryptHash sha512 = new CryptHash(CryptHash.Kind.SHA512);
    private final CryptHash sha256 = new CryptHash(CryptHash.Kind.SHA256);
    private final CryptHash md5 = new CryptHash(CryptHash.Kind.MD5);
    private final CryptHash des = new CryptHash(CryptHash.Kind.DES);
    private final BcryptHash bcrypt = new BcryptHash();

    private Optional<HashAlgorithm> byPrefix(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        if (s.startsWith("$6$")) {
            return Optional.of(sha512);
        } else if (s.startsWith("$5$")) {
            return Optional.of(sha256);
        } else if (s.startsWith("$1$")) {
            return Optional.of(md5);
        } else if (s.startsWith("$2")) {
            return Optional.of(bcrypt);
        }
        return s.startsWith("$") ? Optional.empty() : Optional.of(des);
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        Optional<HashAlgorithm> a = byPrefix(raw);
        if (a.isPresent()) {
            return a.get().problem(raw);
        }
        // Debian's and Fedora's shadow files default to yescrypt ($y$), which no Java library does.
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        // Only a short method id is named: problems are logged, hashes must not be.
        int end = s.indexOf('$', 1);
        String method = end > 0 && end <= 8 ? "crypt method " + s.substring(0, end + 1) : "this crypt method";
        return Optional.of(method + " is not supported ($1$, $2y$, $5$, $6$ and DES are)");
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        return byPrefix(raw).map(a -> a.matches(password, raw)).orElse(false);
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        return bcrypt.generate(password, rounds);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return bcrypt.roundsProblem(rounds);
    }
}
