package org.loftmail.auth;

import static org.loftmail.auth.PasswordEncoding.BASE64;
import static org.loftmail.auth.PasswordEncoding.HEX;
import static org.loftmail.auth.PasswordEncoding.NONE;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.loftmail.core.auth.SaslScram;

/**
 * Password schemes as Dovecot names them in {@code {SCHEME}} prefixes, with Dovecot's default
 * encoding of each. Aliases are constants of their own (as in Dovecot's table), so a hash made
 * with {@code -s SHA} is written {@code {SHA}}.
 */
public enum PasswordScheme {
    PLAIN("PLAIN", NONE, 0, new PlainHash()),
    CLEAR("CLEAR", NONE, 0, new PlainHash()),
    CLEARTEXT("CLEARTEXT", NONE, 0, new PlainHash()),
    CRYPT("CRYPT", NONE, 0, new AnyCryptHash()),
    SHA512_CRYPT("SHA512-CRYPT", NONE, 0, new CryptHash(CryptHash.Kind.SHA512)),
    SHA256_CRYPT("SHA256-CRYPT", NONE, 0, new CryptHash(CryptHash.Kind.SHA256)),
    MD5_CRYPT("MD5-CRYPT", NONE, 0, new CryptHash(CryptHash.Kind.MD5)),
    DES_CRYPT("DES-CRYPT", NONE, 0, new CryptHash(CryptHash.Kind.DES)),
    BLF_CRYPT("BLF-CRYPT", NONE, 0, new BcryptHash()),
    ARGON2("ARGON2", NONE, 0, new Argon2Hash(Argon2Parameters.ARGON2_id)),
    ARGON2I("ARGON2I", NONE, 0, new Argon2Hash(Argon2Parameters.ARGON2_i)),
    ARGON2ID("ARGON2ID", NONE, 0, new Argon2Hash(Argon2Parameters.ARGON2_id)),
    PBKDF2("PBKDF2", NONE, 0, new Pbkdf2Hash()),
    SSHA512("SSHA512", BASE64, 0, new DigestHash("SHA-512", 64, true)),
    SSHA256("SSHA256", BASE64, 0, new DigestHash("SHA-256", 32, true)),
    SSHA("SSHA", BASE64, 0, new DigestHash("SHA-1", 20, true)),
    SMD5("SMD5", BASE64, 0, new DigestHash("MD5", 16, true)),
    SHA512("SHA512", BASE64, 64, new DigestHash("SHA-512", 64, false)),
    SHA256("SHA256", BASE64, 32, new DigestHash("SHA-256", 32, false)),
    SHA1("SHA1", BASE64, 20, new DigestHash("SHA-1", 20, false)),
    SHA("SHA", BASE64, 20, new DigestHash("SHA-1", 20, false)),
    PLAIN_MD5("PLAIN-MD5", HEX, 16, new DigestHash("MD5", 16, false)),
    LDAP_MD5("LDAP-MD5", BASE64, 16, new DigestHash("MD5", 16, false)),
    MD5("MD5", NONE, 0, new Md5Hash()),
    CRAM_MD5("CRAM-MD5", HEX, CramMd5Hash.LENGTH, new CramMd5Hash()),
    HMAC_MD5("HMAC-MD5", HEX, CramMd5Hash.LENGTH, new CramMd5Hash()),
    SCRAM_SHA_1("SCRAM-SHA-1", NONE, 0, new ScramHash(SaslScram.Hash.SHA_1)),
    SCRAM_SHA_256("SCRAM-SHA-256", NONE, 0, new ScramHash(SaslScram.Hash.SHA_256));

    private final String dovecotName;
    private final PasswordEncoding defaultEncoding;
    private final int digestLength;
    private final HashAlgorithm algorithm;

    PasswordScheme(String dovecotName, PasswordEncoding defaultEncoding, int digestLength, HashAlgorithm algorithm) {
        this.dovecotName = dovecotName;
        this.defaultEncoding = defaultEncoding;
        this.digestLength = digestLength;
        this.algorithm = algorithm;
    }

    public String dovecotName() {
        return dovecotName;
    }

    public PasswordEncoding defaultEncoding() {
        return defaultEncoding;
    }

    /**
     * The fixed length of the raw hash, which lets a hash without an encoding suffix be read as
     * hex or base64 by its length (Dovecot does the same); 0 when the length varies.
     */
    int digestLength() {
        return digestLength;
    }

    HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The scheme Dovecot calls {@code name} (any case, no encoding suffix). */
    public static Optional<PasswordScheme> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (PasswordScheme s : values()) {
            if (s.dovecotName.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * A new {@code {SCHEME}hash} of {@code password} with a random salt and this scheme's
     * default cost, as {@code doveadm pw -s SCHEME} makes it.
     */
    public String hash(String password) {
        return PasswordFormat.of(this).hash(password, 0);
    }
}
