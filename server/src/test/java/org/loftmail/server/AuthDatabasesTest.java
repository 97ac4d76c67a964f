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

    private org.loftmail.auth.AuthChain fromConf(String text) throws IOException {
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, "mail_location = dbox:" + dir + "/mail/%u\n" + text);
        return AuthDatabases.chain(org.loftmail.server.config.LoftConfig.load(conf, n -> { }).services(),
                new java.util.ArrayList<>());
    }

    @Test
    void aGuideStyleConfigWithMasterUsersAndAStaticUserdb() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "ann@example.com:{PLAIN}ann-pw\n");
        Path masters = dir.resolve("masters");
        Files.writeString(masters, "admin:{PLAIN}admin-pw\n");
        org.loftmail.auth.AuthChain chain = fromConf("""
                auth_master_user_separator = *
                passdb {
                  driver = passwd-file
                  args = %s
                  master = yes
                  pass = yes
                }
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %s
                }
                userdb {
                  driver = static
                  args = uid=vmail gid=vmail home=/var/mail/vhosts/%%d/%%n
                }
                """.formatted(masters, users));
        assertEquals(new AuthResult.Success(new UserId("ann@example.com"),
                java.util.Map.of("uid", "vmail", "gid", "vmail", "home", "/var/mail/vhosts/example.com/ann")),
                login(chain, "ann@example.com*admin", "admin-pw"));
        assertInstanceOf(AuthResult.Failure.class, login(chain, "ann@example.com*admin", "ann-pw"));
        // LMTP's question: the static userdb answers only for users the passdb knows.
        assertInstanceOf(org.loftmail.core.auth.UserdbResult.Found.class,
                chain.userdb().lookup("ann@example.com", "lmtp"));
        assertInstanceOf(org.loftmail.core.auth.UserdbResult.NotFound.class,
                chain.userdb().lookup("nobody@example.com", "lmtp"));
    }

    @Test
    void badAuthSectionsAreNamedWithTheirLine() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "ann:{PLAIN}pw\n");
        assertEquals(dir.resolve("loft.conf") + ":2: userdb driver 'ldap' is not implemented yet"
                + " (this release has static, passwd-file, sql and prefetch)",
                assertThrows(ConfigException.class, () -> fromConf("userdb {\n driver = ldap\n}\n")).getMessage());
        assertEquals(dir.resolve("loft.conf") + ":2: pass = yes only applies to a master = yes passdb",
                assertThrows(ConfigException.class, () -> fromConf("passdb {\n driver = passwd-file\n args = "
                        + users + "\n pass = yes\n}\n")).getMessage());
        assertEquals(dir.resolve("loft.conf") + ":2: static userdb: 'home' is not key=value",
                assertThrows(ConfigException.class, () -> fromConf("userdb {\n driver = static\n args = home\n}\n"))
                        .getMessage());
    }
}
