package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuth2SettingsTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("dovecot-oauth2.conf.ext");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private String error(String... lines) throws IOException {
        Path f = file(lines);
        return assertThrows(OAuth2ConfigException.class, () -> OAuth2Settings.parse(f)).getMessage();
    }

    private static void assertStarts(String prefix, String message) {
        assertTrue(message.startsWith(prefix), () -> "'" + message + "' should start with '" + prefix + "'");
    }

    @Test
    void aDovecotFileWithEverythingLoftUses() throws IOException {
        OAuth2Settings s = OAuth2Settings.parse(file(
                "### OAuth2 password database configuration",
                "",
                "introspection_mode = local",
                "local_validation_key_dict = fs:posix:prefix=/etc/loft/oauth2-keys/",
                "  username_attribute = preferred_username  ",
                "username_format = %u",
                "issuers = https://a.example/realms/mail  https://b.example   # production realms",
                "active_attribute = active",
                "active_value = \"true\"",
                "client_id = loft#1",
                "scope = email, imap",
                "# HTTP settings a Dovecot file carries; noted and ignored",
                "tls_ca_cert_file = /etc/ssl/certs/ca-certificates.crt",
                "timeout_msecs = 5000",
                "debug = yes",
                "tokeninfo_url =",
                "introspection_url ="));
        assertEquals(new OAuth2Settings(new Introspection.Local(Path.of("/etc/loft/oauth2-keys/")), "preferred_username", false,
                List.of("https://a.example/realms/mail", "https://b.example"), "active", "true", "loft#1",
                List.of("email", "imap")), s);
    }

    @Test
    void dovecotsDefaults() throws IOException {
        OAuth2Settings s = OAuth2Settings.parse(file("introspection_mode = local",
                "local_validation_key_dict = fs:posix:prefix=/keys"));
        assertEquals(OAuth2Settings.local(Path.of("/keys")), s);
        assertEquals("email", s.usernameAttribute());
        assertTrue(s.lowercaseUsername());
        assertTrue(s.issuers().isEmpty());
        assertFalse(OAuth2Settings.parse(file("introspection_mode = local", "username_format = %{user}",
                "local_validation_key_dict = fs:posix:prefix=/keys")).lowercaseUsername());
    }

    @Test
    void onlineIntrospectionIsNotSupportedYet() throws IOException {
        String f = dir.resolve("dovecot-oauth2.conf.ext") + ":";
        String e = error("introspection_mode = post",
                "introspection_url = https://idp.example/introspect");
        assertStarts(f + "1: introspection_mode = post", e);
        assertTrue(e.contains("not supported yet"), e);
        assertStarts(f + "3: introspection_url is not supported yet", error("introspection_mode = local",
                "local_validation_key_dict = fs:posix:prefix=/keys", "introspection_url = https://idp.example/me"));
        assertStarts(f + "1: tokeninfo_url is not supported yet", error("tokeninfo_url = https://x/?access_token="));
        assertStarts(f + "2: use_grant_password", error("introspection_mode = local", "use_grant_password = yes"));
        assertStarts(f + "1: introspection_mode = auth", error("introspection_mode = auth"));
        assertStarts(f + "1: introspection_mode = get", error("introspection_mode = get"));
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        String f = dir.resolve("dovecot-oauth2.conf.ext").toString();
        assertStarts(f + ": introspection_mode = local is required",
                error("local_validation_key_dict = fs:posix:prefix=/keys"));
        assertStarts(f + ": local_validation_key_dict = fs:posix:prefix=DIR is required", error("introspection_mode = local"));
        assertStarts(f + ":2: unknown introspection_mode 'locale'", error("# c", "introspection_mode = locale"));
        assertStarts(f + ":1: unknown setting 'usernme_attribute'", error("usernme_attribute = email"));
        assertStarts(f + ":1: expected 'key = value'", error("introspection_mode local"));
        assertStarts(f + ":1: expected 'key = value'", error("= local"));
        assertStarts(f + ":3: introspection_mode is already set at line 1",
                error("introspection_mode = local", "", "introspection_mode = local"));
        assertStarts(f + ":1: local_validation_key_dict: only fs:posix:prefix=DIR is supported",
                error("local_validation_key_dict = proxy::oauth2-keys"));
        assertStarts(f + ":1: local_validation_key_dict: the prefix must be an absolute directory",
                error("local_validation_key_dict = fs:posix:prefix=keys/"));
        assertStarts(f + ":1: username_format '%n' is not supported", error("username_format = %n"));
        assertStarts(f + ":1: username_attribute is empty", error("username_attribute ="));
        assertStarts(f + ":1: pass_attrs is not supported yet", error("pass_attrs = proxy=y"));
        assertStarts(f + ":3: active_value needs active_attribute", error("introspection_mode = local",
                "local_validation_key_dict = fs:posix:prefix=/keys", "active_value = true"));
        assertStarts("cannot read " + dir.resolve("missing.conf"),
                assertThrows(OAuth2ConfigException.class, () -> OAuth2Settings.parse(dir.resolve("missing.conf"))).getMessage());
    }
}
