package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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
        assertTrue(PasswordScheme.verify("correct horse", "{SHA512-CRYPT}" + OPENSSL_HASH, PasswordScheme.PLAIN));
        assertFalse(PasswordScheme.verify("correct horsf", "{SHA512-CRYPT}" + OPENSSL_HASH, PasswordScheme.PLAIN));
        assertTrue(PasswordScheme.verify("s3cret:with colon", GLIBC_ROUNDS_HASH, PasswordScheme.SHA512_CRYPT));
        assertFalse(PasswordScheme.verify("s3cret", GLIBC_ROUNDS_HASH, PasswordScheme.SHA512_CRYPT));
    }

    @Test
    void plainAndUnknownSchemes() {
        assertTrue(PasswordScheme.verify("pw", "{PLAIN}pw", PasswordScheme.SHA512_CRYPT));
        assertTrue(PasswordScheme.verify("pw", "{plain}pw", PasswordScheme.SHA512_CRYPT));
        assertFalse(PasswordScheme.verify("pw", "{PLAIN}pW", PasswordScheme.SHA512_CRYPT));
        assertFalse(PasswordScheme.verify("pw", "{NOSUCH}pw", PasswordScheme.PLAIN), "unknown scheme never matches");
        assertFalse(PasswordScheme.verify("pw", "{PLAIN", PasswordScheme.PLAIN));
        assertFalse(PasswordScheme.verify("x", "notacrypt", PasswordScheme.SHA512_CRYPT));
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
