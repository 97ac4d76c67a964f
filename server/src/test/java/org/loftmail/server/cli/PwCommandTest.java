package org.loftmail.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.loftmail.auth.PasswordScheme;
import org.loftmail.auth.StoredPassword;

/** {@code loft admin pw} as a script or an admin uses it, in-process. */
class PwCommandTest {
    /** {@code openssl passwd -6 -salt Ab3dEf9hIjKlMnOp 'correct horse'}. */
    static final String OPENSSL_HASH =
            "$6$Ab3dEf9hIjKlMnOp$lSnxLfQ1gEMNMKvpGMh0WyGpSXd3pUWjdI4tR2Ga744cB0ADWBO3Im5Ei6brFtf31WjqDG0Qao2sZB75gzmt0/";

    record Result(int exit, String out, String err) {
        /** The one line printed, without its newline. */
        String line() {
            assertEquals(1, out.lines().count(), out);
            return out.strip();
        }
    }

    static Result pw(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "admin";
        all[1] = "pw";
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Loft.execute(all, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static boolean verifies(String hash, String password) {
        return StoredPassword.parse(hash, PasswordScheme.PLAIN).matches(password);
    }

    @Test
    void hashesWithSha512CryptByDefault() {
        Result r = pw("", "-p", "s3cret:x");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.line().startsWith("{SHA512-CRYPT}$6$"), r.out());
        assertTrue(verifies(r.line(), "s3cret:x"));
        assertEquals("", r.err());
    }

    @Test
    void schemesEncodingsAndRounds() {
        Result hex = pw("", "-s", "ssha512.hex", "-p", "pw");
        assertTrue(hex.line().matches("\\{SSHA512\\.HEX}[0-9a-f]+"), hex.out());
        assertTrue(verifies(hex.line(), "pw"));
        Result blf = pw("", "-s", "BLF-CRYPT", "-r", "5", "-p", "pw");
        assertTrue(blf.line().startsWith("{BLF-CRYPT}$2y$05$"), blf.out());
        Result argon = pw("", "--scheme", "argon2id", "--password", "pw");
        assertTrue(argon.line().startsWith("{ARGON2ID}$argon2id$v=19$m=65536,t=2,p=1$"), argon.out());
        assertTrue(verifies(argon.line(), "pw"));
        Result list = pw("", "-l");
        assertTrue((" " + list.line() + " ").contains(" SHA512-CRYPT "), list.out());
        assertTrue(list.line().contains(" CRAM-MD5 "), list.out());
    }

    @Test
    void readsOneLineFromAPipe() {
        Result r = pw("pä ss:1\nignored\n", "-s", "PBKDF2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(verifies(r.line(), "pä ss:1"), r.out());
        Result crlf = pw("pw\r\n", "-s", "SHA256-CRYPT");
        assertTrue(verifies(crlf.line(), "pw"), crlf.out());
        Result noNewline = pw("pw", "-s", "SSHA");
        assertTrue(verifies(noNewline.line(), "pw"), noNewline.out());
    }

    @Test
    void testsAHashAsDoveadmPwT() {
        Result ok = pw("", "-t", "{SHA512-CRYPT}" + OPENSSL_HASH, "-p", "correct horse");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("{SHA512-CRYPT}" + OPENSSL_HASH + " (verified)", ok.line());
        Result fromStdin = pw("correct horse\n", "-t", OPENSSL_HASH);
        assertEquals(0, fromStdin.exit(), "a bare hash is read in -s, SHA512-CRYPT by default: " + fromStdin.err());
        Result wrong = pw("", "-t", "{SHA512-CRYPT}" + OPENSSL_HASH, "-p", "correct horsE");
        assertEquals(1, wrong.exit());
        assertEquals("", wrong.out());
        assertEquals("loft: password mismatch\n", wrong.err());
        assertEquals(0, pw("", "-t", "{PLAIN.b64}cHc=", "-p", "pw").exit());
    }

    private static void assertOneLineError(Result r, int exit, String message) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("loft: " + message), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badArgumentsAreOneLine() {
        assertOneLineError(pw("", "-s", "SHA3", "-p", "pw"), 2, "-s: unknown password scheme SHA3");
        assertOneLineError(pw("", "-s", "SSHA.rot13", "-p", "pw"), 2, "-s: unknown encoding .rot13");
        assertOneLineError(pw("", "-r", "999", "-p", "pw"), 2, "-r: SHA512-CRYPT rounds must be 1000..999999999");
        assertOneLineError(pw("", "-s", "SSHA512", "-r", "5", "-p", "pw"), 2, "-r: SSHA512 has no rounds");
        assertOneLineError(pw("", "-r", "many", "-p", "pw"), 2, "Invalid value for option '--rounds'");
        assertOneLineError(pw("", "-t", "{FOO}bar", "-p", "pw"), 2, "-t: unknown password scheme FOO");
        assertOneLineError(pw("", "-t", "{SHA512-CRYPT}bar", "-p", "pw"), 2,
                "-t: SHA512-CRYPT: expected $6$salt$hash");
        assertOneLineError(pw(""), 1, "no password on standard input");
        assertOneLineError(pw("", "-p", ""), 1, "empty password");
        assertOneLineError(pw("\n"), 1, "empty password");
    }
}
