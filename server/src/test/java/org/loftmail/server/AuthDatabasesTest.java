package org.loftmail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.model.UserId;
import org.loftmail.server.config.ConfigException;
import org.loftmail.server.config.Origin;
import org.loftmail.server.config.PassdbSettings;
import org.loftmail.server.config.ServiceSettings;

class AuthDatabasesTest {
    /** {@code openssl passwd -6 -salt Ab3dEf9hIjKlMnOp 'correct horse'}. */
    static final String SHA512_CRYPT =
            "$6$Ab3dEf9hIjKlMnOp$lSnxLfQ1gEMNMKvpGMh0WyGpSXd3pUWjdI4tR2Ga744cB0ADWBO3Im5Ei6brFtf31WjqDG0Qao2sZB75gzmt0/";

    @TempDir
    Path dir;

    private Authenticator passdb(String args) {
        return AuthDatabases.chain(new ServiceSettings(java.util.Set.of(), List.of(), null,
                List.of(new PassdbSettings("passwd-file", args, new Origin("loft.conf", 7)))), new java.util.ArrayList<>());
    }

    private static AuthResult login(Authenticator a, String user, String password) {
        return a.authenticate(new AuthRequest(user, password, "imap", null, true));
    }

    @Test
    void bareHashesAreCryptByDefaultAsInDovecot() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "ann:" + SHA512_CRYPT + "\nbob:{PLAIN}pw\n");
        Authenticator a = passdb(users.toString());
        assertEquals(new AuthResult.Success(new UserId("ann")), login(a, "ann", "correct horse"));
        assertInstanceOf(AuthResult.Failure.class, login(a, "ann", SHA512_CRYPT), "the hash is not a plaintext");
        assertEquals(new AuthResult.Success(new UserId("bob")), login(a, "bob", "pw"));
    }

    @Test
    void schemeArgumentSetsTheDefaultWithEncoding() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "ann:7077\n");
        assertEquals(new AuthResult.Success(new UserId("ann")),
                login(passdb("scheme=plain.hex " + users), "ann", "pw"));
        assertEquals("loft.conf:7: unknown password scheme SHA3",
                assertThrows(ConfigException.class, () -> passdb("scheme=SHA3 " + users)).getMessage());
        assertEquals("loft.conf:7: unknown encoding .rot13 in password scheme PLAIN.rot13 (.b64, .base64 or .hex)",
                assertThrows(ConfigException.class, () -> passdb("scheme=PLAIN.rot13 " + users)).getMessage());
    }
}
