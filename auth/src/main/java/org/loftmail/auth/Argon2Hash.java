package org.loftmail.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * {@code ARGON2I}, {@code ARGON2ID} and {@code ARGON2}: PHC strings as libsodium (Dovecot) and
 * the reference {@code argon2} tool write them,
 * {@code $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>} with unpadded base64. Any of the three
 * names verifies either variant, as libsodium's verify does; BouncyCastle computes.
 */
final class Argon2Hash implements HashAlgorithm {
    /**
     * Memory a stored hash may ask for: libsodium's "sensitive" argon2id level. A hash from the
     * database decides how much heap a login allocates, so a bigger one is refused, not tried.
     */
    static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_LANES = 16;
    private static final int MAX_PASSES = 1000;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(i|id|d)\\$(?:v=([0-9]{1,3})\\$)?m=([0-9]{1,9}),t=([0-9]{1,9}),p=([0-9]{1,9})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final int type;

    /** @param type {@link Argon2Parameters#ARGON2_i} or {@link Argon2Parameters#ARGON2_id}, for new hashes */
    Argon2Hash(int type) {
        this.type = type;
    }

    private record Phc(int type, int version, int memoryKib, int passes, int lanes, byte[] salt, byte[] hash) {
    }

    /** The parsed string; an {@link IllegalArgumentException} says why it cannot be used. */
    private static Phc parse(byte[] raw) {
        Matcher m = PHC.matcher(new String(raw, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected $argon2id$v=19$m=...,t=...,p=...$salt$hash");
        }
        if (m.group(1).equals("d")) {
            throw new IllegalArgumentException("argon2d is not supported (argon2i and argon2id are)");
        }
        int version = m.group(2) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(m.group(2));
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw new IllegalArgumentException("unknown argon2 version v=" + version);
        }
        int memory = Integer.parseInt(m.group(3));
        int passes = Integer.parseInt(m.group(4));
        int lanes = Integer.parseInt(m.group(5));
        if (lanes < 1 || lanes > MAX_LANES || passes < 1 || passes > MAX_PASSES || memory < 8 * lanes) {
            throw new IllegalArgumentException("argon2 parameters out of range (p=1.." + MAX_LANES + ", t=1.."
                    + MAX_PASSES + ", m>=8*p)");
        }
        if (memory > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("argon2 memory m=" + memory + " KiB is over the limit of "
                    + MAX_MEMORY_KIB + " KiB");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(m.group(6));
            hash = Base64.getDecoder().decode(m.group(7));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argon2 salt or hash is not valid base64");
        }
        if (salt.length < 8 || hash.length < 4) {
            throw new IllegalArgumentException("argon2 salt or hash too short");
        }
        int t = m.group(1).equals("id") ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i;
        return new Phc(t, version, memory, passes, lanes, salt, hash);
    }

    @Override
    public Optional<String> problem(byte[] raw) {
        try {
            parse(raw);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public boolean matches(byte[] password, byte[] raw) {
        Phc p = parse(raw);
        byte[] computed = derive(password, p.type(), p.version(), p.memoryKib(), p.passes(), p.lanes(), p.salt(),
                p.hash().length);
        return MessageDigest.isEqual(computed, p.hash());
    }

    private static byte[] derive(byte[] password, int type, int version, int memoryKib, int passes, int lanes,
                                 byte[] salt, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(passes).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        g.generateBytes(password, out);
        return out;
    }

    @Override
    public byte[] generate(byte[] password, int rounds) {
        // Dovecot's choice, which is libsodium's: the opslimit picks the matching memlimit level
        // (interactive, moderate, sensitive).
        int passes;
        int memoryKib;
        if (type == Argon2Parameters.ARGON2_id) {
            passes = rounds == 0 ? 2 : rounds;
            memoryKib = passes >= 4 ? 1 << 20 : passes >= 3 ? 1 << 18 : 1 << 16;
        } else {
            passes = rounds == 0 ? 4 : rounds;
            memoryKib = passes >= 8 ? 1 << 19 : passes >= 6 ? 1 << 17 : 1 << 15;
        }
        byte[] salt = Salts.bytes(16);
        byte[] hash = derive(password, type, Argon2Parameters.ARGON2_VERSION_13, memoryKib, passes, 1, salt, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$argon2" + (type == Argon2Parameters.ARGON2_id ? "id" : "i") + "$v=19$m=" + memoryKib
                + ",t=" + passes + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return phc.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Optional<String> roundsProblem(int rounds) {
        // libsodium's minimum opslimit: 3 for argon2i, 1 for argon2id.
        int min = type == Argon2Parameters.ARGON2_id ? 1 : 3;
        return rounds >= min && rounds <= MAX_PASSES ? Optional.empty()
                : Optional.of("rounds (passes) must be " + min + ".." + MAX_PASSES);
    }
}
