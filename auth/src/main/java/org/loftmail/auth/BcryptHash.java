package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * {@code BLF-CRYPT}: bcrypt as OpenBSD writes it, {@code $2y$} (Dovecot, PHP, htpasswd),
 * {@code $2b$} (OpenBSD, libxcrypt's mkpasswd) or {@code $2a$}; BouncyCastle does the work.
 * Like every bcrypt, only the first 72 bytes of a password count.
 */
final class BcryptHash implements HashAlgorithm {
    /** Cost 10 (1024 rounds): about 70 ms here, where Dovecot's default of 5 is too cheap today. */
    static final int DEFAULT_COST = 10;
    private static final Pattern SHAPE =
            Pattern.compile("\\$2[abxy]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    @Override
    public Optional<String> problem(byte[] raw) {
        return SHAPE.matcher(new String(raw, StandardCharsets.ISO_8859_1)).matches() ? Optional.empty()
                : Optional.of("expected $2y$cost$ and 53 characters");
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        try {
            // BouncyCastle recomputes with the stored salt and compares the strings in constant time.
            return OpenBSDBCrypt.checkPassword(new String(raw, StandardCharsets.ISO_8859_1), password);
        } catch (IllegalArgumentException | DataLengthException e) {
            return false;
        }
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        return OpenBSDBCrypt.generate("2y", password, Salts.bytes(16), rounds == 0 ? DEFAULT_COST : rounds)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return rounds >= 4 && rounds <= 31 ? Optional.empty() : Optional.of("cost must be 4..31");
    }
}
