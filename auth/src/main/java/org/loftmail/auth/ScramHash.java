package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.loftmail.core.auth.SaslPrep;
import org.loftmail.core.auth.SaslScram;

/**
 * {@code SCRAM-SHA-1} and {@code SCRAM-SHA-256} as Dovecot stores them:
 * {@code iter,salt,storedkey,serverkey}, the last three base64, a 16-byte salt and 4096
 * iterations by default. It is what the SCRAM mechanisms check a proof against, and a plaintext
 * password can still be verified with it. The password is SASLprepped first (RFC 5802 section
 * 2.2), so the keys match what a SCRAM client derives.
 */
final class ScramHash implements HashAlgorithm {
    static final int DEFAULT_ROUNDS = 4096;
    private static final int MAX_ROUNDS = 100_000_000;
    private final SaslScram.Hash hash;

    ScramHash(SaslScram.Hash hash) {
        this.hash = hash;
    }

    private record Parts(int rounds, byte[] salt, byte[] storedKey, byte[] serverKey) { }

    private Parts parse(byte[] raw) {
        String[] f = new String(raw, StandardCharsets.UTF_8).split(",", -1);
        if (f.length != 4) {
            return null;
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            Parts p = new Parts(Integer.parseInt(f[0]), d.decode(f[1]), d.decode(f[2]), d.decode(f[3]));
            int len = hash.digest(new byte[0]).length;
            return p.rounds() >= 1 && p.rounds() <= MAX_ROUNDS && p.storedKey().length == len
                    && p.serverKey().length == len ? p : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        return parse(raw) == null ? Optional.of("expected iterations,salt,storedkey,serverkey") : Optional.empty();
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        Parts p = parse(raw);
        byte[] salted = p == null ? null : salted(password, p.salt(), p.rounds());
        return salted != null && MessageDigest.isEqual(hash.digest(hash.hmac(salted, "Client Key")), p.storedKey());
    }

    /** Hi(SASLprep(password), salt, rounds); null when SASLprep refuses the password. */
    private byte[] salted(byte[] password, byte[] salt, int rounds) {
        String prepared = SaslPrep.prepare(new String(password, StandardCharsets.UTF_8));
        if (prepared == null) {
            return null;
        }
        Digest digest = hash == SaslScram.Hash.SHA_1 ? new SHA1Digest() : new SHA256Digest();
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(digest);
        g.init(prepared.getBytes(StandardCharsets.UTF_8), salt, rounds);
        return ((KeyParameter) g.generateDerivedParameters(digest.getDigestSize() * 8)).getKey();
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        int r = rounds == 0 ? DEFAULT_ROUNDS : rounds;
        byte[] salt = Salts.bytes(16);
        byte[] salted = salted(password, salt, r);
        if (salted == null) {
            throw new IllegalArgumentException("the password has characters SASLprep prohibits");
        }
        Base64.Encoder e = Base64.getEncoder();
        return (r + "," + e.encodeToString(salt) + "," + e.encodeToString(hash.digest(hash.hmac(salted, "Client Key")))
                + "," + e.encodeToString(hash.hmac(salted, "Server Key"))).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        return rounds >= 1 && rounds <= MAX_ROUNDS ? Optional.empty()
                : Optional.of("rounds must be 1.." + MAX_ROUNDS);
    }
}
