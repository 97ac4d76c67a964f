package org.loftmail.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.model.UserId;

class LoftConfigTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsADovecotStyleConfigWithIncludesAndIgnoredSettings() throws IOException {
        write("conf.d/10-mail.conf", "mail_location = dbox:/srv/mail/%d/%n  # per domain\n"
                + "mail_privileged_group = mail\n");
        write("conf.d/10-master.conf", """
                service imap-login {
                  inet_listener imap {
                    port = 143
                  }
                  inet_listener imaps {
                    port = 993
                    ssl = yes
                  }
                }
                service lmtp {
                  process_limit = 250
                  unix_listener /var/spool/postfix/private/dovecot-lmtp {
                    mode = 0600
                    user = postfix
                    group = postfix
                  }
                }
                """);
        Path main = write("loft.conf", """
                # Dovecot-style main file
                base_dir = /var/run/dovecot/
                protocols = imap lmtp
                auth_username_format = %Lu
                !include conf.d/*.conf
                !include_try /nonexistent/local.conf
                mdbox_rotate_size = 8M
                passdb {
                  driver = passwd-file
                  args = scheme=SHA512-CRYPT username_format=%u /etc/dovecot/users
                }
                plugin {
                  sieve = file:~/sieve;active=~/.dovecot.sieve
                }
                """);
        List<String> notices = new ArrayList<>();
        LoftConfig c = LoftConfig.load(main, notices::add);
        assertEquals(Path.of("/srv/mail/example.org/bob"), c.mailLocation().userDir(new UserId("bob@example.org")));
        assertEquals(8L << 20, c.rotateSize());
        assertTrue(c.fsync());
        assertFalse(c.embedded());
        assertTrue(notices.stream().noneMatch(n -> n.contains("base_dir")), "base_dir places the auth sockets: " + notices);
        assertTrue(notices.stream().anyMatch(n -> n.contains("mail_privileged_group ignored")), notices::toString);
        assertTrue(notices.stream().anyMatch(n -> n.contains("auth_username_format is not implemented by Loft yet")), notices::toString);
    }

    @Test
    void authListenersAreClassifiedByNameOrTypeAndRelativeNamesGoToBaseDir() throws IOException {
        Path main = write("loft.conf", """
                mail_location = dbox:/srv/mail/%u
                base_dir = /run/loft-test
                service auth {
                  unix_listener /var/spool/postfix/private/auth {
                    mode = 0660
                    user = postfix
                    group = postfix
                  }
                  unix_listener auth-userdb {
                    mode = 0600
                  }
                  unix_listener lookups {
                    type = userdb
                  }
                  unix_listener auth-login {
                  }
                  unix_listener auth-worker {
                  }
                }
                """);
        List<UnixListener> sockets = LoftConfig.load(main, s -> { }).services().auth().sockets();
        assertEquals(List.of(Path.of("/var/spool/postfix/private/auth"), Path.of("/run/loft-test/auth-userdb"),
                Path.of("/run/loft-test/lookups")), sockets.stream().map(UnixListener::path).toList(),
                "Dovecot's internal auth-login/auth-worker sockets are not opened");
        assertEquals(List.of(false, true, true), sockets.stream().map(UnixListener::userdb).toList());
        assertEquals("postfix", sockets.get(0).user());

        Path defaults = write("default.conf", "mail_location = dbox:/srv/mail/%u\nservice auth {\n  unix_listener auth-userdb {\n  }\n}\n");
        assertEquals(Path.of("/var/run/dovecot/auth-userdb"),
                LoftConfig.load(defaults, s -> { }).services().auth().sockets().get(0).path(), "Dovecot's default base_dir");
    }

    @Test
    void lmtpSettingsComeFromProtocolLmtpFirstAndSocketsFromServiceLmtp() throws IOException {
        Path main = write("lmtp.conf", """
                mail_location = dbox:/srv/mail/%u
                base_dir = /run/loft-test
                recipient_delimiter = -
                lmtp_user_concurrency_limit = 3
                service lmtp {
                  process_limit = 250
                  unix_listener /var/spool/postfix/private/dovecot-lmtp {
                    mode = 0600
                    user = postfix
                  }
                  unix_listener lmtp {
                  }
                }
                protocol lmtp {
                  recipient_delimiter = +
                  lmtp_save_to_detail_mailbox = yes
                  lmtp_max_mail_size = 20M
                }
                """);
        DeliverySettings d = LoftConfig.load(main, s -> { }).services().delivery();
        assertEquals(List.of(Path.of("/var/spool/postfix/private/dovecot-lmtp"), Path.of("/run/loft-test/lmtp")),
                d.sockets().stream().map(UnixListener::path).toList());
        assertEquals("postfix", d.sockets().get(0).user());
        assertEquals("+", d.recipientDelimiter(), "protocol lmtp { } wins over the top level");
        assertTrue(d.saveToDetailMailbox());
        assertEquals(3, d.userConcurrencyLimit());
        assertEquals(20L << 20, d.maxMailSize());
        assertTrue(d.addReceivedHeader());
        assertEquals(250, d.maxConnections(), "process_limit × client_limit (1)");
        assertEquals(DeliverySettings.DEFAULTS.recipientDelimiter(), LoftConfig.load(write("plain.conf",
                "mail_location = dbox:/srv/mail/%u\n"), s -> { }).services().delivery().recipientDelimiter());
    }

    @Test
    void unknownSettingIsAnErrorWithFileAndLine() throws IOException {
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\n\nmail_locaton = dbox:/typo/%u\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { }));
        assertEquals(main + ":3: unknown setting 'mail_locaton'", e.getMessage());
    }

    @Test
    void errorsInIncludedFilesNameThatFile() throws IOException {
        Path inc = write("inc.conf", "ok_not = 1\n");
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\n!include inc.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { }));
        assertEquals(inc.toAbsolutePath() + ":1: unknown setting 'ok_not'", e.getMessage());
    }

    @Test
    void syntaxErrorsAreReportedWithLineNumbers() throws IOException {
        Path unclosed = write("a.conf", "mail_location = dbox:/m/%u\nservice imap {\n  process_limit = 5\n");
        assertEquals(unclosed + ":2: section 'service' is never closed with '}'",
                assertThrows(ConfigException.class, () -> LoftConfig.load(unclosed, s -> { })).getMessage());
        Path stray = write("b.conf", "mail_location = dbox:/m/%u\n}\n");
        assertEquals(stray + ":2: '}' without a section to close",
                assertThrows(ConfigException.class, () -> LoftConfig.load(stray, s -> { })).getMessage());
        Path garbage = write("c.conf", "mail_location = dbox:/m/%u\nthis is not config\n");
        assertTrue(assertThrows(ConfigException.class, () -> LoftConfig.load(garbage, s -> { })).getMessage()
                .startsWith(garbage + ":2: syntax error"));
        Path quote = write("d.conf", "mail_location = \"dbox:/m/%u\n");
        assertEquals(quote + ":1: unterminated quoted value",
                assertThrows(ConfigException.class, () -> LoftConfig.load(quote, s -> { })).getMessage());
    }

    @Test
    void unknownKeysInsideSectionsAreErrors() throws IOException {
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\nservice imap-login {\n  inet_listener imap {\n"
                + "    prot = 143\n  }\n}\n");
        assertEquals(main + ":4: unknown setting 'prot' in inet_listener section",
                assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { })).getMessage());
    }

    @Test
    void missingIncludeIsAnErrorButIncludeTryIsNot() throws IOException {
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\n!include missing.conf\n");
        assertTrue(assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { })).getMessage()
                .startsWith(main + ":2: cannot read"));
    }

    @Test
    void includeLoopsAreStopped() throws IOException {
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\n!include loft.conf\n");
        assertTrue(assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { })).getMessage()
                .contains("nested more than"));
    }

    @Test
    void laterSettingsWinAndVariablesExpand() {
        ConfigSection root = ConfigParser.parse("mail_plugins = quota\nmail_plugins = $mail_plugins acl\n"
                + "mail_location = \"dbox:/a b/%u\"\nmail_location = dbox:/x/%u\n", "t", null);
        assertEquals("quota acl", root.setting("mail_plugins").orElseThrow().value());
        assertEquals("dbox:/x/%u", root.setting("mail_location").orElseThrow().value());
        ConfigSection dollar = ConfigParser.parse("ssl_key_password = pa$$word\n", "t", null);
        assertEquals("pa$$word", dollar.setting("ssl_key_password").orElseThrow().value());
    }

    @Test
    void hashInsideAValueIsNotAComment() {
        ConfigSection root = ConfigParser.parse("login_greeting = Mail#1 ready # comment\n", "t", null);
        assertEquals("Mail#1 ready", root.setting("login_greeting").orElseThrow().value());
    }

    @Test
    void mailLocationNeedsAUserVariableAndDbox() {
        Origin o = new Origin("t", 1);
        assertThrows(ConfigException.class, () -> MailLocation.parse("dbox:/srv/mail", o));
        assertThrows(ConfigException.class, () -> MailLocation.parse("maildir:~/Maildir/%u", o));
        assertThrows(ConfigException.class, () -> MailLocation.parse("/srv/%u", o));
        MailLocation l = MailLocation.parse("dbox:/srv/%{domain}/%{username}/%%x", o);
        assertEquals(Path.of("/srv/d.example/n/%x"), l.userDir(new UserId("n@d.example")));
    }

    @Test
    void caseModifiersAndBadVariablesAtLoad() throws IOException {
        assertEquals(Path.of("/srv/example.org/bob"), MailLocation.parse("dbox:/srv/%Ld/%Ln", new Origin("t", 1))
                .userDir(new UserId("Bob@Example.ORG")));
        Path bad = write("v.conf", "# x\nmail_location = dbox:/srv/%q/%u\n");
        assertEquals(bad + ":2: mail_location uses unsupported variable %q",
                assertThrows(ConfigException.class, () -> LoftConfig.load(bad, s -> { })).getMessage());
    }

    @Test
    void includeGlobMatchingNothingIsAnErrorUnlessTry() throws IOException {
        Files.createDirectories(dir.resolve("empty.d"));
        Path main = write("g.conf", "mail_location = dbox:/m/%u\n!include empty.d/*.conf\n");
        assertEquals(main + ":2: !include empty.d/*.conf: no matching files",
                assertThrows(ConfigException.class, () -> LoftConfig.load(main, s -> { })).getMessage());
        Path ok = write("h.conf", "mail_location = dbox:/m/%u\n!include_try empty.d/*.conf\n"
                + "local_name mail.example.org {\n  ssl_cert = </etc/ssl/mail.pem\n}\n");
        LoftConfig.load(ok, s -> { });
    }

    @Test
    void sizesAndFsync() throws IOException {
        Path main = write("loft.conf", "mail_location = dbox:/m/%u\nmdbox_rotate_size = 2G\nmail_fsync = never\n");
        LoftConfig c = LoftConfig.load(main, s -> { });
        assertEquals(2L << 30, c.rotateSize());
        assertFalse(c.fsync());
        Path bad = write("bad.conf", "mail_location = dbox:/m/%u\nmdbox_rotate_size = lots\n");
        assertEquals(bad + ":2: mdbox_rotate_size must be a size like 64M, got 'lots'",
                assertThrows(ConfigException.class, () -> LoftConfig.load(bad, s -> { })).getMessage());
    }

    @Test
    void embeddedDefaultKeepsDataUnderVar() {
        LoftConfig c = LoftConfig.embeddedDefault();
        assertTrue(c.embedded());
        assertEquals(Path.of("var/mail/demo"), c.mailLocation().userDir(new UserId("demo")));
    }
}
