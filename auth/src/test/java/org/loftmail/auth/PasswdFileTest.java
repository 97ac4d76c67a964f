package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdFileTest {
    /** Made by `openssl passwd -6 -salt Ab3dEf9hIjKlMnOp 'correct horse'` (OpenSSL, not our hasher). */
    static final String OPENSSL_HASH =
            "$6$Ab3dEf9hIjKlMnOp$lSnxLfQ1gEMNMKvpGMh0WyGpSXd3pUWjdI4tR2Ga744cB0ADWBO3Im5Ei6brFtf31WjqDG0Qao2sZB75gzmt0/";
    /** Made by Python's crypt.crypt('s3cret:with colon', '$6$rounds=10000$saltsaltsalt$') (glibc). */
    static final String GLIBC_ROUNDS_HASH =
            "$6$rounds=10000$saltsaltsalt$yizQ3lI7RyrLsJmoVJ7qBnhrEInv4Lt6IB.Ys.ZP6NU/ubJx0aXbYp4bn6I.VeJ0gYMAhOTco67QekLZYHk8w/";

    @TempDir
    Path dir;

    @Test
    void verifiesHashesMadeByIndependentTools() {
        assertTrue(StoredPassword.parse("{SHA512-CRYPT}" + OPENSSL_HASH, PasswordScheme.PLAIN).matches("correct horse"));
        assertFalse(StoredPassword.parse("{SHA512-CRYPT}" + OPENSSL_HASH, PasswordScheme.PLAIN).matches("correct horsf"));
        assertTrue(StoredPassword.parse(GLIBC_ROUNDS_HASH, PasswordScheme.SHA512_CRYPT).matches("s3cret:with colon"));
        assertFalse(StoredPassword.parse(GLIBC_ROUNDS_HASH, PasswordScheme.SHA512_CRYPT).matches("s3cret"));
    }

    @Test
    void plainAndUnknownSchemes() {
        assertTrue(StoredPassword.parse("{PLAIN}pw", PasswordScheme.SHA512_CRYPT).matches("pw"));
        assertTrue(StoredPassword.parse("{plain}pw", PasswordScheme.SHA512_CRYPT).matches("pw"));
        assertFalse(StoredPassword.parse("{PLAIN}pW", PasswordScheme.SHA512_CRYPT).matches("pw"));
        assertFalse(StoredPassword.parse("{NOSUCH}pw", PasswordScheme.PLAIN).matches("pw"), "unknown scheme never matches");
        assertFalse(StoredPassword.parse("{PLAIN", PasswordScheme.PLAIN).matches("pw"));
        assertFalse(StoredPassword.parse("notacrypt", PasswordScheme.SHA512_CRYPT).matches("x"));
    }

    @Test
    void readsDovecotPasswdFileFormat() throws IOException {
        Path f = dir.resolve("users");
        Files.writeString(f, "# comment\n\n"
                + "alice@example.org:{SHA512-CRYPT}" + OPENSSL_HASH + ":5000:5000::/home/alice::userdb_quota_rule=*:storage=1G\n"
                + "bob:{PLAIN}bobpw\n"
                + "carol:{PLAIN}x::::::nologin reason=Account_disabled\n"
                + ":{PLAIN}nouser\n");
        PasswdFile db = new PasswdFile(f, PasswordScheme.PLAIN);
        assertTrue(db.authenticate("alice@example.org", "correct horse"));
        assertFalse(db.authenticate("alice@example.org", "wrong"));
        assertTrue(db.authenticate("bob", "bobpw"));
        assertFalse(db.authenticate("carol", "x"), "nologin users cannot log in");
        assertFalse(db.authenticate("nobody", "x"));
        PasswdEntry alice = db.lookup("alice@example.org").orElseThrow();
        assertEquals("/home/alice", alice.home());
        assertEquals("*:storage=1G", alice.extraFields().get("userdb_quota_rule"));
        assertEquals("Account_disabled", db.lookup("carol").orElseThrow().extraFields().get("reason"));
        assertEquals(1, db.problems().size());
        assertTrue(db.problems().get(0).endsWith(":6: empty user name"), db.problems().toString());
    }

    @Test
    void unusablePasswordsAreReportedWithTheirLineAndNeverMatch() throws IOException {
        Path f = dir.resolve("users");
        Files.writeString(f, "eve:{FOO}secret\n"
                + "frank:{SHA512-CRYPT}secret\n"
                + "gina:\n"
                + "hank:$6$rounds=10000$saltsaltsalt$yizQ3lI7RyrLsJmoVJ7qBnhrEInv4Lt6IB.Ys.ZP6NU/ubJx0aXbYp4bn6I.VeJ0gYMAhOTco67QekLZYHk8w/\n");
        PasswdFile db = new PasswdFile(f, PasswordFormat.parse("CRYPT"));
        assertEquals(List.of(f + ":1: user eve: unknown password scheme FOO",
                f + ":2: user frank: SHA512-CRYPT: expected $6$salt$hash",
                f + ":3: user gina: empty password"), db.problems());
        assertFalse(db.authenticate("eve", "secret"));
        assertTrue(db.lookup("eve").isPresent(), "the user stays known; a later passdb is not asked instead");
        assertFalse(db.authenticate("frank", "secret"));
        assertFalse(db.authenticate("gina", ""));
        assertTrue(db.authenticate("hank", "s3cret:with colon"), "a bare crypt hash under the CRYPT default");
        assertFalse(db.problems().toString().contains("secret"), "problems never quote the stored value");
    }

    @Test
    void reloadsWhenTheFileChanges() throws IOException {
        Path f = dir.resolve("users");
        Files.writeString(f, "bob:{PLAIN}old\n");
        PasswdFile db = new PasswdFile(f, PasswordScheme.PLAIN);
        assertTrue(db.authenticate("bob", "old"));
        Files.writeString(f, "bob:{PLAIN}new\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(db.authenticate("bob", "new"));
        assertFalse(db.authenticate("bob", "old"));
    }
}
