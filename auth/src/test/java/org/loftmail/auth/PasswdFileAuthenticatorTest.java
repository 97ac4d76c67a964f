package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.model.UserId;

class PasswdFileAuthenticatorTest {
    @TempDir
    Path dir;

    private AuthResult login(PasswdFileAuthenticator auth, String user, String password) {
        return auth.authenticate(new AuthRequest(user, password, "imap", null, true));
    }

    @Test
    void checksPasswordsOfEveryKindOfEntry() throws Exception {
        Path file = dir.resolve("passwd");
        String hash = PasswordScheme.SHA512_CRYPT.hash("s3cret");
        Files.writeString(file, "alice:" + hash + "\n"
                + "bob:{PLAIN}pw::::::\n"
                + "carol:{PLAIN}pw::::::nologin reason=gone\n");
        PasswdFileAuthenticator auth = new PasswdFileAuthenticator(new PasswdFile(file, PasswordScheme.PLAIN));

        assertEquals(new AuthResult.Success(new UserId("alice")), login(auth, "alice", "s3cret"));
        assertInstanceOf(AuthResult.Failure.class, login(auth, "alice", "S3cret"));
        assertEquals(new AuthResult.Success(new UserId("bob")), login(auth, "bob", "pw"));
        assertEquals(new AuthResult.Refused("gone"), login(auth, "carol", "pw"), "nologin with the right password");
        assertInstanceOf(AuthResult.Failure.class, login(auth, "carol", "wrong"), "nologin says nothing to a wrong password");
        assertInstanceOf(AuthResult.Failure.class, login(auth, "nobody", "pw"));
    }

    @Test
    void hashesAreSaltedAndVerifyAsDoveadmHashesDo() {
        String a = PasswordScheme.SHA512_CRYPT.hash("pw");
        String b = PasswordScheme.SHA512_CRYPT.hash("pw");
        assertTrue(a.startsWith("{SHA512-CRYPT}$6$"), a);
        assertNotEquals(a, b);
        assertTrue(StoredPassword.parse(a, PasswordScheme.PLAIN).matches("pw"));
    }

    @Test
    void anUnreadableFileIsATemporaryFailureNotAWrongPassword() {
        PasswdFileAuthenticator auth = new PasswdFileAuthenticator(
                new PasswdFile(dir.resolve("missing"), PasswordScheme.PLAIN));
        assertInstanceOf(AuthResult.Unavailable.class, login(auth, "alice", "pw"));
    }
}
