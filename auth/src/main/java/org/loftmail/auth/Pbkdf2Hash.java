package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@code PBKDF2} as Dovecot writes it (there is no standard string form):
 * {@code $1$<salt>$<rounds>$<40 hex digits>}, PBKDF2-HMAC-SHA1 with a 20-byte key, the salt
 * used as the characters it is written with.
 */
final class Pbkdf2Hash implements HashAlgorithm {
    /** Dovecot's default; the rounds are stored in the hash, so any count verifies anywhere. */
    static final int DEFAULT_ROUNDS = 5000;
    private static final int MAX_ROUNDS = 100_000_000;
    private static final Pattern SHAPE = Pattern.compile("\\$1\\$([^$]*)\\$([0-9]{1,9})\\$([0-9a-fA-F]{40})");

    @Override
    public Optional<String> problem(byte[] raw) {
        Matcher m = SHAPE.matcher(new String(raw, StandardCharsets.UTF_8));
        if (!m.matches()) {
            return Optional.of("expected $1$salt$rounds$ and 40 hex digits");
        }
        int rounds = Integer.parseInt(m.group(2));
        return rounds >= 1 && rounds <= MAX_ROUNDS ? Optional.empty()
                : Optional.of("rounds must be 1.." + MAX_ROUNDS);
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        Matcher m = SHAPE.matcher(new String(raw, StandardCharsets.UTF_8));
        if (!m.matches()) {
            return false;
        }
        byte[] computed = derive(password, m.group(1), Integer.parseInt(m.group(2)));
        return MessageDigest.isEqual(computed, HexFormat.of().parseHex(m.group(3)));
    }

    private static byte[] derive(byte[] password, String salt, int rounds) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA1Digest());
        g.init(password, salt.getBytes(StandardCharsets.UTF_8), rounds);
        return ((KeyParameter) g.generateDerivedParameters(160)).getKey();
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        int r = rounds == 0 ? DEFAULT_ROUNDS : rounds;
        String salt = Salts.cryptChars(16);
        return ("$1$" + salt + "$" + r + "$" + HexFormat.of().formatHex(derive(password, salt, r)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return rounds >= 1 && rounds <= MAX_ROUNDS ? Optional.empty()
                : Optional.of("rounds must be 1.." + MAX_ROUNDS);
    }
}
