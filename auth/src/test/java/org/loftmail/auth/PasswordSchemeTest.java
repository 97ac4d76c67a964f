package org.loftmail.auth;

import org.loftmail.core.auth.Md5Block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our own hashes of every scheme, Dovecot's reading rules, and what can never match. */
class PasswordSchemeTest {
    static final String PW = "Pä55 wörd:1";

    private static StoredPassword read(String stored) {
        return StoredPassword.parse(stored, PasswordScheme.PLAIN);
    }

    private static final Set<PasswordScheme> UNSALTED = EnumSet.of(PasswordScheme.PLAIN, PasswordScheme.CLEAR,
            PasswordScheme.CLEARTEXT, PasswordScheme.SHA512, PasswordScheme.SHA256, PasswordScheme.SHA1,
            PasswordScheme.SHA, PasswordScheme.PLAIN_MD5, PasswordScheme.LDAP_MD5, PasswordScheme.CRAM_MD5,
            PasswordScheme.HMAC_MD5);

    @ParameterizedTest
    @EnumSource(PasswordScheme.class)
    void everySchemeHashesAndVerifiesItsOwnHashes(PasswordScheme scheme) {
        String a = scheme.hash(PW);
        assertTrue(a.startsWith("{" + scheme.dovecotName() + "}"), a);
        StoredPassword p = read(a);
        assertEquals(Optional.empty(), p.problem(), a);
        assertTrue(p.matches(PW), a);
        assertFalse(p.matches("pä55 wörd:1"), a);
        if (scheme != PasswordScheme.DES_CRYPT) {
            // DES crypt reads 8 characters, so for it these two are the same password.
            assertFalse(p.matches("Pä55 wörd:2"), a);
        }
        if (!UNSALTED.contains(scheme)) {
            assertNotEquals(a, scheme.hash(PW), "a fresh salt each time");
        }
    }

    /** The encoding layer is the same for every scheme; Argon2 is left out only for its cost (64 MiB a hash). */
    @ParameterizedTest
    @EnumSource(value = PasswordScheme.class, mode = EnumSource.Mode.EXCLUDE, names = {"ARGON2", "ARGON2I", "ARGON2ID"})
    void everySchemeTakesEncodingSuffixes(PasswordScheme scheme) {
        for (String suffix : new String[] {".HEX", ".B64"}) {
            String h = PasswordFormat.parse(scheme.dovecotName().toLowerCase(Locale.ROOT) + suffix)
                    .hash(PW, 0);
            assertTrue(h.startsWith("{" + scheme.dovecotName() + suffix + "}"), h);
            assertTrue(read(h).matches(PW), h);
            assertFalse(read(h).matches("x"), h);
        }
    }

    @Test
    void formatsAndDefaults() {
        assertTrue(PasswordScheme.SHA512_CRYPT.hash("pw").startsWith("{SHA512-CRYPT}$6$"));
        assertTrue(PasswordScheme.SHA256_CRYPT.hash("pw").startsWith("{SHA256-CRYPT}$5$"));
        assertTrue(PasswordScheme.MD5_CRYPT.hash("pw").matches("\\{MD5-CRYPT}\\$1\\$[./0-9A-Za-z]{8}\\$.{22}"));
        assertTrue(PasswordScheme.BLF_CRYPT.hash("pw").startsWith("{BLF-CRYPT}$2y$10$"));
        assertTrue(PasswordScheme.CRYPT.hash("pw").startsWith("{CRYPT}$2y$10$"), "CRYPT makes bcrypt, as Dovecot 2.4");
        assertTrue(PasswordScheme.ARGON2ID.hash("pw").startsWith("{ARGON2ID}$argon2id$v=19$m=65536,t=2,p=1$"));
        assertTrue(PasswordScheme.ARGON2I.hash("pw").startsWith("{ARGON2I}$argon2i$v=19$m=32768,t=4,p=1$"));
        assertTrue(PasswordScheme.PBKDF2.hash("pw").matches("\\{PBKDF2}\\$1\\$[./0-9A-Za-z]{16}\\$5000\\$[0-9a-f]{40}"));
        assertTrue(PasswordScheme.CRAM_MD5.hash("pw").matches("\\{CRAM-MD5}[0-9a-f]{64}"));
        assertTrue(PasswordScheme.PLAIN_MD5.hash("pw").matches("\\{PLAIN-MD5}[0-9a-f]{32}"));
        assertEquals("{SHA256}" + "XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg=", PasswordScheme.SHA256.hash("password"));
        assertEquals("{PLAIN.B64}" + "e1x9OiEi", PasswordFormat.parse("plain.b64").hash("{\\}:!\"", 0));
        assertEquals("SSHA512.HEX", PasswordFormat.parse("ssha512.hex").name());
        assertEquals("SSHA512.B64", PasswordFormat.parse("SSHA512.base64").name());
    }

    @Test
    void roundsAsDoveadmPwTakesThem() {
        String sha = PasswordFormat.of(PasswordScheme.SHA512_CRYPT).hash("pw", 10000);
        assertTrue(sha.startsWith("{SHA512-CRYPT}$6$rounds=10000$"), sha);
        assertTrue(read(sha).matches("pw"));
        String blf = PasswordFormat.of(PasswordScheme.BLF_CRYPT).hash("pw", 5);
        assertTrue(blf.startsWith("{BLF-CRYPT}$2y$05$"), blf);
        assertTrue(read(blf).matches("pw"));
        String argon = PasswordFormat.of(PasswordScheme.ARGON2ID).hash("pw", 1);
        assertTrue(argon.startsWith("{ARGON2ID}$argon2id$v=19$m=65536,t=1,p=1$"), argon);
        assertTrue(read(argon).matches("pw"));
        String pbkdf2 = PasswordFormat.of(PasswordScheme.PBKDF2).hash("pw", 1000);
        assertTrue(pbkdf2.contains("$1000$"), pbkdf2);
        assertTrue(read(pbkdf2).matches("pw"));

        assertEquals(Optional.of("SHA512-CRYPT rounds must be 1000..999999999"),
                PasswordFormat.of(PasswordScheme.SHA512_CRYPT).roundsProblem(999));
        assertEquals(Optional.of("BLF-CRYPT cost must be 4..31"), PasswordFormat.of(PasswordScheme.BLF_CRYPT).roundsProblem(32));
        assertEquals(Optional.of("ARGON2I rounds (passes) must be 3..1000"),
                PasswordFormat.of(PasswordScheme.ARGON2I).roundsProblem(2));
        assertEquals(Optional.of("SSHA512 has no rounds"), PasswordFormat.of(PasswordScheme.SSHA512).roundsProblem(5));
        assertThrows(IllegalArgumentException.class, () -> PasswordFormat.of(PasswordScheme.PLAIN).hash("pw", 3));
    }

    @Test
    void encodingsAreReadAsDovecotReadsThem() {
        String hex = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
        assertTrue(read("{SHA256}" + hex).matches("password"), "64 characters is hex for SHA256");
        assertTrue(read("{SHA256}" + hex.toUpperCase(Locale.ROOT)).matches("password"));
        assertTrue(read("{SHA256.hex}" + hex).matches("password"));
        assertTrue(read("{SHA256}XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg=").matches("password"));
        assertTrue(read("{SHA256}XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg").matches("password"), "padding optional");
        assertEquals(Optional.of("SHA256.B64 hash is not valid base64"), read("{SHA256.b64}" + hex + "!").problem());
        assertTrue(read("{PLAIN.b64}e1x9OiEi").matches("{\\}:!\""));
        assertTrue(read("{PLAIN.HEX}" + "7077").matches("pw"));
        assertTrue(read("{CRAM-MD5}kYbYVeEeulJ6elLKgrMT4YDWIjTwrMkFG1JyQ9QeJ0A=").matches("password"),
                "a base64 CRAM-MD5 is told from hex by its length");
    }

    /** {@code doveadm pw -s CRAM-MD5 -p password}, from postfixadmin's test suite (Ruby, not ours). */
    @Test
    void cramMd5MatchesDoveadm() {
        StoredPassword p = read("{CRAM-MD5}9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740");
        assertTrue(p.matches("password"));
        assertFalse(p.matches("Password"));
        assertTrue(read("{HMAC-MD5}9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740")
                .matches("password"));
        assertEquals("{CRAM-MD5}9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740",
                PasswordScheme.CRAM_MD5.hash("password"));
    }

    @Test
    void md5BlockIsMd5() throws Exception {
        for (String msg : new String[] {"", "abc", "x".repeat(55), PW}) {
            byte[] m = msg.getBytes(StandardCharsets.UTF_8);
            byte[] block = new byte[64];
            System.arraycopy(m, 0, block, 0, m.length);
            block[m.length] = (byte) 0x80;
            long bits = 8L * m.length;
            for (int i = 0; i < 8; i++) {
                block[56 + i] = (byte) (bits >>> (8 * i));
            }
            byte[] ours = new byte[16];
            Md5Block.writeState(Md5Block.compress(Md5Block.INITIAL, block, 0), ours, 0);
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(m), ours, msg);
        }
    }

    @Test
    void dovecotQuirks() {
        // openssl passwd -1 -salt saltsalt pw
        StoredPassword md5crypt = StoredPassword.parse("$1$saltsalt$6SNdNaZLKst2LlSm7oPPL1", PasswordScheme.PLAIN);
        assertEquals(Optional.of(PasswordFormat.of(PasswordScheme.MD5_CRYPT)), md5crypt.format(), "a bare $1$ is MD5-CRYPT");
        assertTrue(md5crypt.matches("pw"));
        String pbkdf2 = PasswordFormat.of(PasswordScheme.PBKDF2).hash("pw", 1000).substring("{PBKDF2}".length());
        assertTrue(StoredPassword.parse(pbkdf2, PasswordScheme.PBKDF2).matches("pw"), "unless PBKDF2 is the default");
        assertTrue(StoredPassword.parse("{PLAIN", PasswordScheme.PLAIN).matches("{PLAIN"), "no '}': no prefix");
        // echo -n pw | argon2 somesalt -id -e
        String id = "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$6N7lbaPVRHQNDcwG/VJmDLNHm8NtaQq8+e3eGhoqFH0";
        assertTrue(read("{ARGON2I}" + id).matches("pw"), "libsodium verifies whichever variant the string names");
        assertTrue(read("{MD5}" + PasswordScheme.PLAIN_MD5.hash("pw").substring(11)).matches("pw"));
    }

    @Test
    void unusableHashesNeverMatchAndSayWhy() {
        assertProblem("{NOSUCH}pw", "unknown password scheme NOSUCH");
        assertProblem("{}pw", "empty password scheme name");
        assertProblem("{SHA256.rot13}abc", "unknown encoding .rot13 in password scheme SHA256.rot13 (.b64, .base64 or .hex)");
        assertProblem("{PLAIN}", "empty password");
        assertProblem("{SHA512-CRYPT}garbage", "SHA512-CRYPT: expected $6$salt$hash");
        assertProblem("{SHA512-CRYPT}$5$saltsalt$0123456789012345678901234567890123456789012",
                "SHA512-CRYPT: expected $6$salt$hash");
        assertProblem("{CRYPT}$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7",
                "CRYPT: crypt method $y$ is not supported ($1$, $2y$, $5$, $6$ and DES are)");
        assertProblem("{BLF-CRYPT}$2y$03$" + "a".repeat(53), "BLF-CRYPT: expected $2y$cost$ and 53 characters");
        assertProblem("{SSHA512}" + Base64.getEncoder().encodeToString(new byte[64]),
                "SSHA512: hash is 64 bytes, more than 64 expected");
        assertProblem("{SHA256.HEX}abcd", "SHA256.HEX: hash is 2 bytes, 32 expected");
        assertProblem("{CRAM-MD5}abcd", "CRAM-MD5: hash is 3 bytes, 32 expected");
        assertProblem("{ARGON2ID}$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                "ARGON2ID: argon2 memory m=4194304 KiB is over the limit of 1048576 KiB");
        assertProblem("{ARGON2ID}$argon2d$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                "ARGON2ID: argon2d is not supported (argon2i and argon2id are)");
        assertProblem("{PBKDF2}$1$salt$0$" + "0".repeat(40), "PBKDF2: rounds must be 1..100000000");
        assertProblem("{MD5}zz", "MD5: expected $1$salt$hash or an MD5 digest in hex or base64");
    }

    private static void assertProblem(String stored, String problem) {
        StoredPassword p = read(stored);
        assertEquals(Optional.of(problem), p.problem(), stored);
        assertFalse(p.matches(""), stored);
        assertFalse(p.matches("pw"), stored);
    }

    @Test
    void unknownNamesAreRefusedWhereTheyAreGiven() {
        assertEquals("unknown password scheme SHA3",
                assertThrows(IllegalArgumentException.class, () -> PasswordFormat.parse("SHA3")).getMessage());
        assertEquals(Optional.empty(), PasswordScheme.byName("SHA3"));
        assertEquals(Optional.of(PasswordScheme.CLEARTEXT), PasswordScheme.byName("cleartext"));
        assertEquals(Optional.of(PasswordScheme.SHA512_CRYPT), PasswordScheme.byName("sha512-crypt"));
    }
}
