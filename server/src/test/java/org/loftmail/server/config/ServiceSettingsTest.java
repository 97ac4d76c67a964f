package org.loftmail.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSettingsTest {
    @TempDir
    Path dir;

    private LoftConfig load(String text) throws IOException {
        Path f = dir.resolve("loft.conf");
        Files.writeString(f, "mail_location = dbox:/m/%u\n" + text);
        return LoftConfig.load(f, s -> { });
    }

    @Test
    void readsListenersTlsAndPassdbLikeACommonDovecotGuide() throws IOException {
        ServiceSettings s = load("""
                protocols = imap lmtp
                listen = 127.0.0.1, ::1
                ssl = required
                ssl_cert = </etc/ssl/certs/mail.pem
                ssl_key = </etc/ssl/private/mail.key
                ssl_min_protocol = TLSv1.3
                disable_plaintext_auth = yes
                service imap-login {
                  inet_listener imap {
                    port = 143
                  }
                  inet_listener imaps {
                    port = 993
                    ssl = yes
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = 0
                  }
                  inet_listener pop3s {
                    address = 192.0.2.1
                    port = 995
                    ssl = yes
                  }
                }
                passdb {
                  driver = passwd-file
                  args = scheme=SHA512-CRYPT username_format=%u /etc/dovecot/users
                }
                """).services();
        assertEquals(Set.of("imap", "lmtp"), s.protocols());
        assertEquals(List.of(
                new InetListener("imap-login", "imap", List.of("127.0.0.1", "::1"), 143, false),
                new InetListener("imap-login", "imaps", List.of("127.0.0.1", "::1"), 993, true),
                new InetListener("pop3-login", "pop3s", List.of("192.0.2.1"), 995, true)), s.listeners(),
                "port 0 disables a listener; an address overrides listen");
        assertEquals(TlsSettings.Mode.REQUIRED, s.tls().mode());
        assertEquals(Path.of("/etc/ssl/certs/mail.pem"), s.tls().cert());
        assertEquals(Path.of("/etc/ssl/private/mail.key"), s.tls().key());
        assertEquals("TLSv1.3", s.tls().minProtocol());
        assertTrue(s.tls().disablePlaintextAuth());
        assertEquals("passwd-file", s.passdbs().get(0).driver());
        assertEquals("scheme=SHA512-CRYPT username_format=%u /etc/dovecot/users", s.passdbs().get(0).args());
    }

    @Test
    void dovecotDefaults() throws IOException {
        ServiceSettings s = load("").services();
        assertEquals(TlsSettings.Mode.YES, s.tls().mode());
        assertEquals("TLSv1.2", s.tls().minProtocol());
        assertTrue(s.tls().disablePlaintextAuth());
        assertTrue(s.listeners().isEmpty());
        assertFalse(s.protocols().isEmpty());
    }

    @Test
    void badValuesNameTheLine() throws IOException {
        Path f = dir.resolve("loft.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> load("ssl = maybe\n"));
        assertEquals(f + ":2: ssl must be yes, no or required, got 'maybe'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("service imap-login {\n inet_listener imap {\n port = 99999\n }\n}\n"));
        assertEquals(f + ":4: port must be 0..65535, got '99999'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("ssl_cert = </x.pem\n"));
        assertEquals(f + ":2: ssl_cert and ssl_key must be set together", e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("passdb {\n args = /etc/users\n}\n"));
        assertEquals(f + ":2: passdb has no driver", e.getMessage());
    }

    @Test
    void readsAuthDelaysTrustedNetworksAndTheAuthCache() throws IOException {
        AuthSettings a = load("""
                auth_failure_delay = 500 ms
                login_trusted_networks = 10.0.0.0/8 2001:db8::/32
                auth_cache_size = 1M
                auth_cache_ttl = 10 mins
                auth_cache_negative_ttl = 30 secs
                """).services().auth();
        assertEquals(java.time.Duration.ofMillis(500), a.failureDelay());
        assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), a.trustedNetworks());
        assertEquals(4096, a.cacheEntries());
        assertEquals(java.time.Duration.ofMinutes(10), a.cacheTtl());
        assertEquals(java.time.Duration.ofSeconds(30), a.cacheNegativeTtl());
        assertEquals(AuthSettings.DEFAULTS, load("").services().auth());
        ConfigException e = assertThrows(ConfigException.class, () -> load("auth_failure_delay = soon\n"));
        assertTrue(e.getMessage().contains("loft.conf:2: auth_failure_delay must be a time"), e.getMessage());
    }
}
