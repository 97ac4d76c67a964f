package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Dovecot's {@code MD5} scheme: an {@code MD5-CRYPT} string ({@code $1$}) or else a bare MD5
 * digest of the password in hex or base64, as old databases mix them. New hashes are MD5-CRYPT.
 */
final class Md5Hash implements HashAlgorithm {
    private final CryptHash crypt = new CryptHash(CryptHash.Kind.MD5);
    private final DigestHash digest = new DigestHash("MD5", 16, false);

    private static boolean isCrypt(byte[] raw) {
        return raw.length >= 3 && raw[0] == '$' && raw[1] == '1' && raw[2] == '$';
    }

    private static Optional<byte[]> digestOf(byte[] raw) {
        return PasswordEncoding.decodeGuessing(new String(raw, StandardCharsets.ISO_8859_1), 16)
                .filter(d -> d.length == 16);
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        if (isCrypt(raw)) {
            return crypt.problem(raw);
        }
        return digestOf(raw).isPresent() ? Optional.empty()
                : Optional.of("expected $1$salt$hash or an MD5 digest in hex or base64");
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        return isCrypt(raw) ? crypt.matches(password, raw) : digest.matches(password, digestOf(raw).orElseThrow());
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        return crypt.generate(password, rounds);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return crypt.roundsProblem(rounds);
    }
}
