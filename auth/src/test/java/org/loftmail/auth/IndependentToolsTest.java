package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scheme against hashes made at test time by tools that share no code with Loft: OpenSSL,
 * libxcrypt's mkpasswd, Apache's htpasswd, the reference argon2 CLI and Python's hashlib. Each
 * hash must accept its password and refuse a password that differs at the start and one that
 * differs at the end. The password has a colon, a space and non-ASCII letters (UTF-8).
 */
class IndependentToolsTest {
    static final String PW = "Pä55 wörd:1";
    static final String WRONG_START = "pä55 wörd:1";
    static final String WRONG_END = "Pä55 wörd:2";

    private static void assertVerifies(String stored, PasswordScheme defaultScheme) {
        StoredPassword p = StoredPassword.parse(stored, defaultScheme);
        assertEquals(Optional.empty(), p.problem(), stored);
        assertTrue(p.matches(PW), stored);
        assertFalse(p.matches(WRONG_START), stored);
        assertFalse(p.matches(WRONG_END), stored);
    }

    private static void assertVerifies(String stored) {
        assertVerifies(stored, PasswordScheme.PLAIN);
    }

    @Test
    void opensslShaAndMd5Crypt() {
        String sha512 = ExternalTool.run("openssl", "passwd", "-6", PW);
        assertTrue(sha512.startsWith("$6$"), sha512);
        assertVerifies("{SHA512-CRYPT}" + sha512);
        assertVerifies("{CRYPT}" + sha512);
        assertVerifies(sha512, PasswordScheme.SHA512_CRYPT);
        assertVerifies(sha512, PasswordScheme.CRYPT);
        assertVerifies("{SHA512-CRYPT}" + ExternalTool.run("openssl", "passwd", "-6", "-salt", "Ab3dEf9hIjKlMnOp", PW));

        String sha256 = ExternalTool.run("openssl", "passwd", "-5", PW);
        assertTrue(sha256.startsWith("$5$"), sha256);
        assertVerifies("{SHA256-CRYPT}" + sha256);
        assertVerifies(sha256, PasswordScheme.CRYPT);

        String md5 = ExternalTool.run("openssl", "passwd", "-1", PW);
        assertTrue(md5.startsWith("$1$"), md5);
        assertVerifies("{MD5-CRYPT}" + md5);
        assertVerifies("{MD5}" + md5);
        assertVerifies(md5, PasswordScheme.CRYPT);
        // Dovecot reads a bare $1$ hash as MD5-CRYPT whatever the default scheme.
        assertVerifies(md5, PasswordScheme.PLAIN);
    }

    @Test
    void mkpasswdCryptAndBcrypt() {
        String rounds = ExternalTool.run("mkpasswd", "-m", "sha-512", "-R", "10000", PW);
        assertTrue(rounds.startsWith("$6$rounds=10000$"), rounds);
        assertVerifies("{SHA512-CRYPT}" + rounds);
        assertVerifies("{SHA256-CRYPT}" + ExternalTool.run("mkpasswd", "-m", "sha-256", PW));
        assertVerifies("{MD5-CRYPT}" + ExternalTool.run("mkpasswd", "-m", "md5crypt", PW));

        String b = ExternalTool.run("mkpasswd", "-m", "bcrypt", "-R", "6", PW);
        assertTrue(b.startsWith("$2b$06$"), b);
        assertVerifies("{BLF-CRYPT}" + b);
        assertVerifies(b, PasswordScheme.CRYPT);
        String a = ExternalTool.run("mkpasswd", "-m", "bcrypt-a", "-R", "5", PW);
        assertTrue(a.startsWith("$2a$05$"), a);
        assertVerifies("{BLF-CRYPT}" + a);
    }

    @Test
    void mkpasswdDesCryptReadsOnlyEightCharacters() {
        String des = ExternalTool.run("mkpasswd", "-m", "descrypt", PW);
        assertEquals(13, des.length(), des);
        for (String stored : new String[] {"{DES-CRYPT}" + des, "{CRYPT}" + des, des}) {
            StoredPassword p = StoredPassword.parse(stored, PasswordScheme.CRYPT);
            assertTrue(p.matches(PW), stored);
            assertFalse(p.matches(WRONG_START), stored);
            // Traditional DES crypt ignores everything after the 8th byte; so does Dovecot's.
            assertTrue(p.matches(WRONG_END), stored);
        }
    }

    @Test
    void htpasswdBcrypt() {
        String line = ExternalTool.run("htpasswd", "-nbB", "-C", "5", "alice", PW);
        assertTrue(line.startsWith("alice:$2y$05$"), line);
        String hash = line.substring("alice:".length());
        assertVerifies("{BLF-CRYPT}" + hash);
        assertVerifies("{CRYPT}" + hash);
    }

    @Test
    void argon2ReferenceTool() {
        byte[] pw = PW.getBytes(StandardCharsets.UTF_8);
        String id = ExternalTool.run(pw, "argon2", "saltsaltsalt", "-id", "-t", "2", "-m", "12", "-p", "2", "-e");
        assertTrue(id.startsWith("$argon2id$v=19$m=4096,t=2,p=2$"), id);
        assertVerifies("{ARGON2ID}" + id);
        assertVerifies("{ARGON2}" + id);

        String i = ExternalTool.run(pw, "argon2", "othersaltsalt", "-i", "-t", "3", "-m", "13", "-e");
        assertTrue(i.startsWith("$argon2i$v=19$m=8192,t=3,p=1$"), i);
        assertVerifies("{ARGON2I}" + i);

        // Argon2 1.0 (v=16), which old libsodium and the CLI's -v 10 still write.
        String v10 = ExternalTool.run(pw, "argon2", "saltsaltsalt", "-id", "-v", "10", "-m", "10", "-e");
        assertTrue(v10.startsWith("$argon2id$v=16$"), v10);
        assertVerifies("{ARGON2ID}" + v10);
    }

    @Test
    void pythonSaltedDigests() {
        // One python run for all: "<hashlib name> <salt length> <base64> <hex>" per line.
        String out = ExternalTool.python("import base64,hashlib,os,sys\n"
                + "pw=sys.stdin.buffer.read()\n"
                + "for a,n in (('sha512',4),('sha512',16),('sha256',4),('sha256',5),('sha1',4),('md5',4)):\n"
                + "    s=os.urandom(n); d=hashlib.new(a, pw+s).digest()+s\n"
                + "    print(a, n, base64.b64encode(d).decode(), d.hex())\n", PW);
        Map<String, String> schemes = Map.of("sha512", "SSHA512", "sha256", "SSHA256", "sha1", "SSHA", "md5", "SMD5");
        String[] lines = out.split("\n");
        assertEquals(6, lines.length, out);
        for (String line : lines) {
            String[] f = line.split(" ");
            String scheme = schemes.get(f[0]);
            assertVerifies("{" + scheme + "}" + f[2]);
            assertVerifies("{" + scheme + ".b64}" + f[2]);
            assertVerifies("{" + scheme + ".HEX}" + f[3]);
        }
    }

    @Test
    void pythonPlainDigestsInBase64AndHex() {
        // One python run for all: "<hashlib name> <base64> <hex>" per line.
        String[] lines = ExternalTool.python("import base64,hashlib,sys\n"
                + "pw=sys.stdin.buffer.read()\n"
                + "for a in ('sha512','sha256','sha1','md5'):\n"
                + "    d=hashlib.new(a, pw).digest(); print(a, base64.b64encode(d).decode(), d.hex())\n", PW)
                .split("\n");
        Map<String, String[]> digests = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            digests.put(f[0], f);
        }
        // Without a suffix Dovecot reads these as hex when the length is exactly twice the digest's.
        for (String[] s : new String[][] {{"SHA512", "sha512"}, {"SHA256", "sha256"}, {"SHA", "sha1"},
            {"SHA1", "sha1"}, {"LDAP-MD5", "md5"}, {"PLAIN-MD5", "md5"}}) {
            String[] d = digests.get(s[1]);
            assertVerifies("{" + s[0] + "}" + d[1]);
            assertVerifies("{" + s[0] + "}" + d[2]);
            assertVerifies("{" + s[0] + ".HEX}" + d[2].toUpperCase(Locale.ROOT));
            assertVerifies("{" + s[0] + ".BASE64}" + d[1]);
        }
        assertVerifies("{MD5}" + digests.get("md5")[2]);
        assertVerifies(digests.get("sha256")[1], PasswordScheme.SHA256);
    }

    @Test
    void pythonPbkdf2InDovecotsFormat() {
        String hash = ExternalTool.python("import hashlib,sys\n"
                + "salt='Zx9./aBcDeFgHiJk'; rounds=7331\n"
                + "k=hashlib.pbkdf2_hmac('sha1', sys.stdin.buffer.read(), salt.encode(), rounds)\n"
                + "print('$1$%s$%d$%s' % (salt, rounds, k.hex()))\n", PW);
        assertTrue(hash.matches("\\$1\\$Zx9\\./aBcDeFgHiJk\\$7331\\$[0-9a-f]{40}"), hash);
        assertVerifies("{PBKDF2}" + hash);
        assertVerifies(hash, PasswordScheme.PBKDF2);
    }

    /**
     * MD5's compression function written again in Python; the program checks it against hashlib's
     * MD5 and the resulting context against Python's own HMAC-MD5 over a challenge before it
     * prints the context, so a wrong program cannot produce a vector.
     */
    static final String CRAM_MD5_CONTEXT = """
            import hashlib, hmac, math, struct, sys
            pw = sys.stdin.buffer.read()
            K = [int(abs(math.sin(i + 1)) * 2**32) & 0xffffffff for i in range(64)]
            S = [7, 12, 17, 22] * 4 + [5, 9, 14, 20] * 4 + [4, 11, 16, 23] * 4 + [6, 10, 15, 21] * 4
            IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
            def rol(x, c):
                return ((x << c) | (x >> (32 - c))) & 0xffffffff
            def compress(h, block):
                m = struct.unpack('<16I', block)
                a, b, c, d = h
                for i in range(64):
                    if i < 16: f, g = (b & c) | (~b & d), i
                    elif i < 32: f, g = (d & b) | (~d & c), (5 * i + 1) % 16
                    elif i < 48: f, g = b ^ c ^ d, (3 * i + 5) % 16
                    else: f, g = c ^ (b | ~d), (7 * i) % 16
                    a, d, c, b = d, c, b, (b + rol((a + (f & 0xffffffff) + K[i] + m[g]) & 0xffffffff, S[i])) & 0xffffffff
                return [(x + y) & 0xffffffff for x, y in zip(h, (a, b, c, d))]
            def finish(h, data, before):
                n = before + len(data)
                data += b'\\x80' + b'\\0' * ((55 - n) % 64) + struct.pack('<Q', 8 * n)
                for i in range(0, len(data), 64):
                    h = compress(h, data[i:i + 64])
                return struct.pack('<4I', *h)
            assert finish(IV, b'abc', 0) == hashlib.md5(b'abc').digest()
            key = (hashlib.md5(pw).digest() if len(pw) > 64 else pw).ljust(64, b'\\0')
            outer = compress(IV, bytes(k ^ 0x5c for k in key))
            inner = compress(IV, bytes(k ^ 0x36 for k in key))
            challenge = b'<1896.697170952@postoffice.example.net>'
            assert finish(outer, finish(inner, challenge, 64), 64) == hmac.new(pw, challenge, 'md5').digest()
            print(struct.pack('<8I', *outer, *inner).hex())
            """;

    @Test
    void pythonCramMd5Context() {
        String context = ExternalTool.python(CRAM_MD5_CONTEXT, PW);
        assertEquals(64, context.length(), context);
        assertVerifies("{CRAM-MD5}" + context);
        assertVerifies("{HMAC-MD5}" + context);
        String longKey = "k".repeat(100);
        assertTrue(StoredPassword.parse("{CRAM-MD5}" + ExternalTool.python(CRAM_MD5_CONTEXT, longKey),
                PasswordScheme.PLAIN).matches(longKey), "keys over 64 bytes are hashed first");
    }

    /** The other way round: what Loft makes, the tools accept. */
    @Test
    void ourHashesPassTheTools(@TempDir Path dir) throws Exception {
        for (String[] c : new String[][] {{"SHA512-CRYPT", "-6"}, {"SHA256-CRYPT", "-5"}, {"MD5-CRYPT", "-1"}}) {
            String ours = PasswordScheme.byName(c[0]).orElseThrow().hash(PW).substring(c[0].length() + 2);
            String salt = ours.split("\\$")[2];
            assertEquals(ours, ExternalTool.run("openssl", "passwd", c[1], "-salt", salt, PW), c[0]);
        }
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "alice:" + PasswordScheme.BLF_CRYPT.hash(PW).substring("{BLF-CRYPT}".length()) + "\n");
        ExternalTool.run("htpasswd", "-vb", htpasswd.toString(), "alice", PW);

        String ssha = PasswordScheme.SSHA512.hash(PW).substring("{SSHA512}".length());
        String pbkdf2 = PasswordScheme.PBKDF2.hash(PW).substring("{PBKDF2}".length());
        String cram = PasswordScheme.CRAM_MD5.hash(PW).substring("{CRAM-MD5}".length());
        assertEquals(cram, ExternalTool.python(CRAM_MD5_CONTEXT, PW));
        assertEquals("ok", ExternalTool.python("import base64,hashlib,hmac,sys\n"
                + "pw=sys.stdin.buffer.read()\n"
                + "d=base64.b64decode('" + ssha + "')\n"
                + "assert hmac.compare_digest(hashlib.sha512(pw+d[64:]).digest(), d[:64])\n"
                + "_,_,salt,rounds,key='" + pbkdf2 + "'.split('$')\n"
                + "assert hashlib.pbkdf2_hmac('sha1', pw, salt.encode(), int(rounds)).hex() == key\n"
                + "print('ok')\n", PW));
    }
}
