package org.loftmail.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void dovecotsExamplesForGoogleWso2AndMicrosoft() throws IOException {
        TestTls.Cert ca = TestTls.selfSigned(dir, "ca", "dns:sso.example.org");
        OAuth2Settings google = OAuth2Settings.parse(file(
                "tokeninfo_url = https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=",
                "introspection_url = https://www.googleapis.com/oauth2/v2/userinfo",
                "#force_introspection = yes",
                "username_attribute = email",
                "tls_ca_cert_file = " + ca.pem()));
        assertEquals(new Introspection.Http(Introspection.Mode.AUTH, "https://www.googleapis.com/oauth2/v2/userinfo",
                "https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=", false, "",
                Duration.ofSeconds(10), ca.pem(), false), google.introspection());
        OAuth2Settings wso2 = OAuth2Settings.parse(file(
                "introspection_mode = post",
                "introspection_url = https://client_id:client_secret@server.name:9443/oauth2/introspect",
                "username_attribute = username",
                "active_attribute = active",
                "active_value = true",
                "timeout_msecs = 2500",
                "max_parallel_connections = 10  # tunes Dovecot's HTTP client; ignored"));
        assertEquals(new OAuth2Settings(new Introspection.Http(Introspection.Mode.POST,
                "https://client_id:client_secret@server.name:9443/oauth2/introspect", "", false, "",
                Duration.ofMillis(2500), null, false), "username", true, List.of(), "active", "true", "", List.of()), wso2);
        assertFalse(wso2.toString().contains("client_secret"), "logs never show client credentials: " + wso2);
        OAuth2Settings microsoft = OAuth2Settings.parse(file(
                "introspection_mode = auth",
                "introspection_url = https://graph.microsoft.com/v1.0/me",
                "username_attribute = mail",
                "timeout_msecs = 0",
                "tls_allow_invalid_cert = no"));
        assertEquals(OAuth2Settings.http(Introspection.Http.of(Introspection.Mode.AUTH,
                "https://graph.microsoft.com/v1.0/me")).introspection(), microsoft.introspection());
        Introspection.Http get = (Introspection.Http) OAuth2Settings.parse(file("introspection_mode = get",
                "introspection_url = https://idp.example/introspect?token=", "client_id = loft", "client_secret = s3cret",
                "tls_allow_invalid_cert = yes")).introspection();
        assertEquals(Introspection.Mode.GET, get.mode());
        assertEquals("s3cret", get.clientSecret());
        assertTrue(get.allowInvalidCert());
    }

    @Test
    void localKeysAndHttpDoNotMix() throws IOException {
        String f = dir.resolve("dovecot-oauth2.conf.ext") + ":";
        assertStarts(f + "3: introspection_url cannot be combined with introspection_mode = local", error(
                "introspection_mode = local", "local_validation_key_dict = fs:posix:prefix=/keys",
                "introspection_url = https://idp.example/me"));
        assertStarts(f + "1: tokeninfo_url cannot be combined with introspection_mode = local", error(
                "tokeninfo_url = https://x/?access_token=", "introspection_mode = local"));
        assertStarts(f + "2: local_validation_key_dict cannot be combined with introspection_mode = post", error(
                "introspection_mode = post", "local_validation_key_dict = fs:posix:prefix=/keys",
                "introspection_url = https://idp.example/introspect"));
        assertStarts(f + "2: local_validation_key_dict cannot be combined with introspection_mode = auth (the default)",
                error("introspection_url = https://idp.example/me", "local_validation_key_dict = fs:posix:prefix=/k"));
    }

    @Test
    void httpSettingsLoftCannotHonourAreRefused() throws IOException {
        String f = dir.resolve("dovecot-oauth2.conf.ext") + ":";
        String url = "introspection_url = https://idp.example/introspect";
        for (String key : List.of("tls_ca_cert_dir", "tls_cert_file", "tls_key_file", "tls_cipher_suite")) {
            String e = error("introspection_mode = post", url, key + " = /etc/ssl/x");
            assertStarts(f + "3: " + key + " is not supported", e);
        }
        assertStarts(f + "2: send_auth_headers (X-Dovecot-Auth-* headers) is not supported",
                error(url, "send_auth_headers = yes"));
        assertStarts(f + "1: introspection_url has user:password@, but introspection_mode = auth sends the token",
                error("introspection_url = https://id:secret@idp.example/me"));
        assertStarts(f + "2: grant_url (password grants) is not supported yet", error(url, "grant_url = https://x/token"));
        assertStarts(f + "2: use_grant_password (password grants)", error("introspection_mode = local",
                "use_grant_password = yes"));
        // With local keys, HTTP settings do nothing and are only noted.
        OAuth2Settings local = OAuth2Settings.parse(file("introspection_mode = local",
                "local_validation_key_dict = fs:posix:prefix=/keys", "tls_cert_file = /etc/ssl/x", "timeout_msecs = 5"));
        assertEquals(new Introspection.Local(Path.of("/keys")), local.introspection());
    }

    @Test
    void httpSettingsAreChecked() throws IOException {
        String f = dir.resolve("dovecot-oauth2.conf.ext") + ":";
        String url = "introspection_url = https://idp.example/introspect";
        String file = dir.resolve("dovecot-oauth2.conf.ext").toString();
        assertStarts(file + ": introspection_url (or tokeninfo_url) is required with introspection_mode = post",
                error("introspection_mode = post"));
        assertStarts(file + ": introspection_url (or tokeninfo_url) is required with introspection_mode = auth"
                + " (Dovecot's default)", error("username_attribute = email"));
        assertStarts(f + "1: introspection_url must be an http:// or https:// URL",
                error("introspection_url = ldap://idp.example/"));
        assertStarts(f + "1: tokeninfo_url is not a URL", error("tokeninfo_url = https://idp example/?t="));
        assertStarts(f + "1: tokeninfo_url has no host", error("tokeninfo_url = https:///tokeninfo?t="));
        assertStarts(f + "2: timeout_msecs must be a number of milliseconds, not '10s'", error(url, "timeout_msecs = 10s"));
        assertStarts(f + "2: timeout_msecs 3600000 is more than", error(url, "timeout_msecs = 3600000"));
        assertStarts(f + "2: tls_allow_invalid_cert must be yes or no, not 'maybe'",
                error(url, "tls_allow_invalid_cert = maybe"));
        assertStarts(f + "2: tls_ca_cert_file: cannot read " + dir.resolve("none.pem"),
                error(url, "tls_ca_cert_file = " + dir.resolve("none.pem")));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertStarts(f + "2: tls_ca_cert_file: " + garbage, error(url, "tls_ca_cert_file = " + garbage));
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
